using Tagnn.Graphs;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Course;

/// <summary>
/// How far information travels through the gated graph network: give one click of a session a different embedding,
/// keep the graph, propagate 1, 2, ... steps and measure how much each node's state moves. A node further than k
/// edges (in either direction) from the changed one does not move at all after k steps.
/// </summary>
/// <param name="Nodes">The graph's node item ids, in the model's node order (ascending ids).</param>
/// <param name="ChangedNode">Index among <see cref="Nodes"/> of the node whose embedding was replaced.</param>
/// <param name="Change">[k - 1, j]: the Euclidean distance between node j's state with and without the change after
/// k applications of the model's gated graph cell.</param>
public sealed record PropagationReach(IReadOnlyList<int> Nodes, int ChangedNode, double[,] Change)
{
    /// <summary>Measures the reach of a change at click <paramref name="position"/> of <paramref name="session"/>.</summary>
    /// <param name="model">Its embedding and gated graph cell are used (the cell is applied once per step; with the
    /// reference's one-step cell, k applications are k propagation steps).</param>
    /// <param name="session">The clicks (item ids 1..N), oldest first.</param>
    /// <param name="position">Which click's item gets another embedding (0-based).</param>
    /// <param name="replacementItem">Whose embedding it gets (1..N, not in the session).</param>
    /// <param name="steps">How many steps to follow (rows of <see cref="Change"/>).</param>
    public static PropagationReach Measure(SessionModel model, IReadOnlyList<int> session, int position, int replacementItem, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, session.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (replacementItem < 1 || replacementItem > model.ItemCount)
            throw new ArgumentOutOfRangeException(nameof(replacementItem), $"Item {replacementItem} is not in 1..{model.ItemCount}.");
        if (session.Contains(replacementItem))
            throw new ArgumentException($"Item {replacementItem} is already in the session; pick one that is not.", nameof(replacementItem));

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var batch = SessionBatch.FromSessions([session], session.Count, PaddingPolicy.Batch, model.Device);
        var nodes = batch.Items[0].data<long>().ToArray().Select(i => (int)i).ToArray();
        var changed = (int)batch.Alias[0, position].item<long>();
        var original = model.Embedding.call(batch.Items);                                  // (1, n, d)
        var altered = original.clone();
        altered[0, changed].copy_(model.Embedding.weight![replacementItem]);
        var change = new double[steps, nodes.Length];
        for (var k = 0; k < steps; k++)
        {
            original = model.Gnn.call(batch.Adjacency, original);
            altered = model.Gnn.call(batch.Adjacency, altered);
            var distance = TensorArrays.ToVector((altered - original)[0].pow(2).sum(1).sqrt()); // (n)
            for (var j = 0; j < nodes.Length; j++) change[k, j] = distance[j];
        }
        return new PropagationReach(nodes, changed, change);
    }
}
