using Tagnn.Model;
using Tagnn.Model.Baselines;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>BPR negatives: never the positive, uniform over the other items, a pure function of the step.</summary>
public sealed class NegativeSamplerTests
{
    [Fact]
    public void Negatives_are_uniform_over_the_other_items_and_never_the_positive()
    {
        const int items = 5;
        var positives = Enumerable.Repeat(3L, 40_000).ToArray();
        var negatives = NegativeSampler.Uniform(positives, items, new TrainingStepContext(0, 0, 1));
        Assert.DoesNotContain(3L, negatives);
        Assert.All(negatives, n => Assert.InRange(n, 1, items));
        // Each of the 4 other items: expected 10,000 draws, standard deviation about 87.
        foreach (var item in new long[] { 1, 2, 4, 5 })
            Assert.InRange(negatives.Count(n => n == item), 9_600, 10_400);
    }

    [Fact]
    public void The_same_step_draws_the_same_negatives_and_another_step_others()
    {
        long[] positives = [.. Enumerable.Range(0, 200).Select(i => (long)(i % 50 + 1))];
        var a = NegativeSampler.Uniform(positives, 50, new TrainingStepContext(3, 7, 2020));
        Assert.Equal(a, NegativeSampler.Uniform(positives, 50, new TrainingStepContext(3, 7, 2020)));
        Assert.NotEqual(a, NegativeSampler.Uniform(positives, 50, new TrainingStepContext(3, 8, 2020)));
        Assert.NotEqual(a, NegativeSampler.Uniform(positives, 50, new TrainingStepContext(4, 7, 2020)));
        Assert.NotEqual(a, NegativeSampler.Uniform(positives, 50, new TrainingStepContext(3, 7, 2021)));
        Assert.Throws<ArgumentException>(() => NegativeSampler.Uniform([51], 50, new TrainingStepContext()));
    }
}
