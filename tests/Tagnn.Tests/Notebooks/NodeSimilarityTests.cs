using Tagnn.Graphs;
using Tagnn.Course;
using static TorchSharp.torch;

namespace Tagnn.Tests.Notebooks;

public sealed class NodeSimilarityTests
{
    [Fact]
    public void Pairs_are_split_by_edges_and_padding_nodes_are_left_out()
    {
        using var scope = NewDisposeScope();
        // Session 1 -> 2 -> 3 padded to 5 positions: nodes [0 (padding), 1, 2, 3]; edges 1-2 and 2-3.
        using var batch = SessionBatch.FromSessions([[1, 2, 3]], padLength: 5, PaddingPolicy.Dataset);
        Assert.Equal(new long[] { 0, 1, 2, 3 }, batch.Items[0].data<long>().ToArray());
        var states = tensor(new float[,] { { 1, 1 }, { 1, 0 }, { 2, 0 }, { 0, 3 } }).unsqueeze(0);   // (1, 4, 2)
        var s = NodeSimilarity.Measure(states, batch);
        Assert.Equal(4, s.ConnectedPairs);            // (1,2), (2,1), (2,3), (3,2)
        Assert.Equal(2, s.UnconnectedPairs);          // (1,3), (3,1); the padding node takes no part
        Assert.Equal(0.5, s.Connected, 12);           // cos(1,2) = 1, cos(2,3) = 0
        Assert.Equal(0.0, s.Unconnected, 12);         // cos(1,3) = 0
    }

    [Fact]
    public void States_of_another_layout_are_refused()
    {
        using var scope = NewDisposeScope();
        using var batch = SessionBatch.FromSessions([[1, 2]], padLength: 2);
        Assert.Throws<ArgumentException>(() => NodeSimilarity.Measure(zeros(1, 5, 2), batch));
    }
}
