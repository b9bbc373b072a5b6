namespace Tagnn.Graphs;

/// <summary>
/// The one implementation of the reference's session graph (docs/REFERENCE.md#r5-session-graph), written to work on
/// spans so that <see cref="SessionGraph"/> (one example, for reading) and <see cref="SessionBatcher"/> (a batch,
/// straight into pooled buffers) share it.
/// </summary>
internal static class SessionGraphKernel
{
    /// <summary>
    /// Writes the sorted distinct items of <paramref name="prefix"/> into <paramref name="nodes"/>, with item 0 first
    /// when the example is padded (<paramref name="padded"/>), and returns how many were written.
    /// </summary>
    /// <param name="prefix">The clicks, oldest first (ids 1..n).</param>
    /// <param name="padded">Whether the example is shorter than the batch's padded length (then 0 is a node).</param>
    /// <param name="nodes">Receives the nodes; needs room for prefix.Length + 1 entries.</param>
    public static int CollectNodes(ReadOnlySpan<int> prefix, bool padded, Span<int> nodes)
    {
        var start = padded ? 1 : 0;
        if (padded) nodes[0] = 0;
        var body = nodes.Slice(start, prefix.Length);
        prefix.CopyTo(body);
        body.Sort();
        var count = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (i == 0 || body[i] != body[i - 1]) body[count++] = body[i];
        }
        return start + count;
    }

    /// <summary>The number of nodes <see cref="CollectNodes"/> would write (distinct items, plus 0 when padded).</summary>
    public static int CountNodes(ReadOnlySpan<int> prefix, bool padded, Span<int> scratch) =>
        CollectNodes(prefix, padded, scratch);

    /// <summary>
    /// Writes one example of a batch: node ids, alias indices, mask and the (n, 2n) normalised adjacency.
    /// Every output span must be zeroed by the caller (only non-zero entries are written).
    /// </summary>
    /// <param name="prefix">The clicks, oldest first.</param>
    /// <param name="length">The padded length L of the batch (at least prefix.Length).</param>
    /// <param name="nodeCapacity">The batch's node count n (at least this example's node count).</param>
    /// <param name="items">(n) node item ids.</param>
    /// <param name="alias">(L) index of each position's item among the nodes (padding points to node 0).</param>
    /// <param name="adjacency">(n * 2n) row-major: [:, :n] in-edges, [:, n:] out-edges.</param>
    /// <param name="mask">(L) 1 on real positions.</param>
    /// <param name="nodeScratch">Room for prefix.Length + 1 ints.</param>
    /// <param name="edgeScratch">Room for (prefix.Length + 1)^2 bools.</param>
    /// <returns>The example's node count.</returns>
    public static int Write(
        ReadOnlySpan<int> prefix, int length, int nodeCapacity,
        Span<long> items, Span<long> alias, Span<float> adjacency, Span<float> mask,
        Span<int> nodeScratch, Span<bool> edgeScratch)
    {
        var padded = prefix.Length < length;
        var count = CollectNodes(prefix, padded, nodeScratch);
        ReadOnlySpan<int> nodes = nodeScratch[..count];
        for (var i = 0; i < count; i++) items[i] = nodes[i];

        // alias[p] = index of the p-th click among the nodes; padding positions stay 0 (node 0 is item 0).
        for (var p = 0; p < prefix.Length; p++)
        {
            alias[p] = nodes.BinarySearch(prefix[p]);
            mask[p] = 1f;
        }

        // Binary edges u -> v between consecutive real clicks (a repeated transition counts once).
        var edges = edgeScratch[..(count * count)];
        edges.Clear();
        for (var p = 0; p + 1 < prefix.Length; p++)
        {
            edges[(int)alias[p] * count + (int)alias[p + 1]] = true;
        }

        // A[:, :n][v, u] = 1/indeg(v) and A[:, n:][u, v] = 1/outdeg(u) for every edge u -> v. The reference divides
        // in float64 (numpy) and then rounds to float32; (float)(1.0 / k) does exactly that.
        var width = 2 * nodeCapacity;
        for (var v = 0; v < count; v++)
        {
            var indeg = 0;
            for (var u = 0; u < count; u++) if (edges[u * count + v]) indeg++;
            if (indeg == 0) continue;
            var w = (float)(1.0 / indeg);
            for (var u = 0; u < count; u++) if (edges[u * count + v]) adjacency[v * width + u] = w;
        }
        for (var u = 0; u < count; u++)
        {
            var outdeg = 0;
            for (var v = 0; v < count; v++) if (edges[u * count + v]) outdeg++;
            if (outdeg == 0) continue;
            var w = (float)(1.0 / outdeg);
            for (var v = 0; v < count; v++) if (edges[u * count + v]) adjacency[u * width + nodeCapacity + v] = w;
        }
        return count;
    }
}
