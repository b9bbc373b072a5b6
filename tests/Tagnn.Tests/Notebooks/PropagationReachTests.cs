using Tagnn.Model;
using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

public sealed class PropagationReachTests
{
    [Fact]
    public void A_change_travels_one_edge_per_step_in_both_directions()
    {
        var model = ModelFactory.Create(ModelConfig.ForTagnn(31) with { HiddenSize = 8 }, seed: 4);
        int[] chain = [3, 5, 7, 9, 11, 13, 15];                            // 7 distinct items: nodes in click order
        var reach = PropagationReach.Measure(model, chain, position: 3, replacementItem: 20, steps: 3);

        Assert.Equal(chain, reach.Nodes);
        Assert.Equal(3, reach.ChangedNode);
        for (var k = 1; k <= 3; k++)
        {
            for (var j = 0; j < chain.Length; j++)
            {
                var distance = Math.Abs(j - 3);
                var moved = reach.Change[k - 1, j];
                if (distance <= k) Assert.True(moved > 1e-6, $"node {j} at distance {distance} should move after {k} step(s) ({moved})");
                else Assert.Equal(0.0, moved);                              // exactly: no path of length <= k
            }
        }
    }

    [Fact]
    public void Bad_arguments_are_refused_with_the_reason()
    {
        var model = ModelFactory.Create(ModelConfig.ForTagnn(11) with { HiddenSize = 4 }, seed: 1);
        Assert.Contains("already in the session", Assert.Throws<ArgumentException>(() => PropagationReach.Measure(model, [1, 2], 0, 2, 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PropagationReach.Measure(model, [1, 2], 0, 11, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PropagationReach.Measure(model, [1, 2], 2, 5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PropagationReach.Measure(model, [1, 2], 0, 5, 0));
    }
}
