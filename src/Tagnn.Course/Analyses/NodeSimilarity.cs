using Tagnn.Graphs;
using static TorchSharp.torch;

namespace Tagnn.Course;

/// <summary>
/// How alike the states of two nodes of the same session graph are: the mean cosine similarity over pairs of real
/// nodes (not the padding node, not the batch's filler nodes), split into pairs joined by an edge (in either
/// direction) and pairs that are not. Compare it before and after propagation to see what a step does.
/// </summary>
/// <param name="Connected">Mean cosine similarity of node pairs joined by an edge.</param>
/// <param name="Unconnected">Mean cosine similarity of the other pairs of the same graph.</param>
/// <param name="ConnectedPairs">How many ordered pairs were joined by an edge.</param>
/// <param name="UnconnectedPairs">How many ordered pairs were not.</param>
public sealed record NodeSimilarity(double Connected, double Unconnected, long ConnectedPairs, long UnconnectedPairs)
{
    /// <summary>Measures <paramref name="states"/> (B, n, d), node states of <paramref name="batch"/>'s graphs.</summary>
    /// <exception cref="ArgumentException">The states do not have the batch's (B, n) layout.</exception>
    public static NodeSimilarity Measure(Tensor states, SessionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(batch);
        if (states.dim() != 3 || states.shape[0] != batch.Count || states.shape[1] != batch.NodeCount)
            throw new ArgumentException($"States of shape ({string.Join(", ", states.shape)}) do not fit the batch's (B, n) = ({batch.Count}, {batch.NodeCount}).", nameof(states));
        using var scope = NewDisposeScope();
        var n = batch.NodeCount;
        var unit = nn.functional.normalize(states.detach().to(ScalarType.Float64), p: 2, dim: 2);  // (B, n, d)
        var cosine = unit.matmul(unit.transpose(1, 2));                                          // (B, n, n)
        var edge = batch.Adjacency.narrow(2, 0, n).to(device: states.device) > 0;                // (B, n, n): v <- u
        edge = edge.logical_or(edge.transpose(1, 2));
        var real = batch.Items.to(device: states.device) > 0;                                    // (B, n)
        var pair = real.unsqueeze(2).logical_and(real.unsqueeze(1))
            .logical_and(eye(n, dtype: ScalarType.Bool, device: states.device).logical_not().unsqueeze(0));
        var connected = edge.logical_and(pair);
        var unconnected = edge.logical_not().logical_and(pair);
        return new NodeSimilarity(Mean(cosine, connected), Mean(cosine, unconnected),
            connected.sum().item<long>(), unconnected.sum().item<long>());
    }

    private static double Mean(Tensor values, Tensor where) =>
        where.any().item<bool>() ? values.masked_select(where).mean().item<double>() : double.NaN;
}
