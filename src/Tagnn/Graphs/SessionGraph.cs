namespace Tagnn.Graphs;

/// <summary>
/// The graph of one example, exactly as the reference builds it (docs/REFERENCE.md#r5-session-graph): its nodes are the
/// sorted distinct items of the prefix, plus item 0 (first) when the example is padded; edges u -> v join consecutive
/// clicks and are binary; the adjacency is (n, 2n), in-edges normalised by in-degree, out-edges by out-degree; the
/// alias maps every position to its item's node.
/// </summary>
/// <remarks>
/// This type is for reading and teaching (notebooks draw it). Training builds whole batches with
/// <see cref="SessionBatcher"/>, which uses the same code on pooled buffers.
/// </remarks>
public sealed class SessionGraph
{
    private readonly float[] adjacency;

    private SessionGraph(int[] prefix, int paddedLength, int[] nodes, long[] alias, float[] adjacency)
    {
        Prefix = prefix;
        PaddedLength = paddedLength;
        Nodes = nodes;
        Alias = Array.ConvertAll(alias, a => (int)a);
        this.adjacency = adjacency;
        var edges = new List<(int, int)>();
        for (var p = 0; p + 1 < prefix.Length; p++)
        {
            var edge = (Alias[p], Alias[p + 1]);
            if (!edges.Contains(edge)) edges.Add(edge);
        }
        edges.Sort();
        Edges = edges;
    }

    /// <summary>The clicks, oldest first.</summary>
    public IReadOnlyList<int> Prefix { get; }

    /// <summary>The padded length L the graph was built for (at least the prefix length).</summary>
    public int PaddedLength { get; }

    /// <summary>Whether the example is padded (then item 0 is node 0).</summary>
    public bool IsPadded => Prefix.Count < PaddedLength;

    /// <summary>Node item ids, ascending (item 0 first when padded).</summary>
    public IReadOnlyList<int> Nodes { get; }

    /// <summary>Number of nodes n.</summary>
    public int NodeCount => Nodes.Count;

    /// <summary>(L) index of each position's item among <see cref="Nodes"/>; padding positions point to node 0.</summary>
    public IReadOnlyList<int> Alias { get; }

    /// <summary>Distinct edges (from node, to node) between consecutive clicks, sorted.</summary>
    public IReadOnlyList<(int From, int To)> Edges { get; }

    /// <summary>
    /// The normalised adjacency A (n, 2n): <c>A[v, u] = 1/indeg(v)</c> for an edge u -> v (in-edges, columns 0..n-1)
    /// and <c>A[u, n + v] = 1/outdeg(u)</c> (out-edges, columns n..2n-1).
    /// </summary>
    public float[,] Adjacency()
    {
        var n = NodeCount;
        var result = new float[n, 2 * n];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < 2 * n; c++)
                result[r, c] = adjacency[r * 2 * n + c];
        return result;
    }

    /// <summary>Builds the graph of a prefix padded to <paramref name="paddedLength"/> positions.</summary>
    /// <param name="prefix">The clicks, oldest first (ids 1..n; 0 is padding and may not appear).</param>
    /// <param name="paddedLength">L; defaults to the prefix length (no padding).</param>
    public static SessionGraph Build(IReadOnlyList<int> prefix, int? paddedLength = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Count == 0) throw new ArgumentException("A session graph needs at least one click.", nameof(prefix));
        foreach (var item in prefix)
        {
            if (item < 1) throw new ArgumentException($"Item id {item} in a prefix; ids start at 1 (0 is padding).", nameof(prefix));
        }
        var length = paddedLength ?? prefix.Count;
        if (length < prefix.Count)
            throw new ArgumentOutOfRangeException(nameof(paddedLength), $"Padded length {length} is shorter than the prefix ({prefix.Count} clicks).");

        var clicks = prefix.ToArray();
        var scratch = new int[clicks.Length + 1];
        var n = SessionGraphKernel.CountNodes(clicks, clicks.Length < length, scratch);
        var items = new long[n];
        var alias = new long[length];
        var adjacency = new float[n * 2 * n];
        var mask = new float[length];
        SessionGraphKernel.Write(clicks, length, n, items, alias, adjacency, mask, scratch, new bool[n * n]);
        return new SessionGraph(clicks, length, Array.ConvertAll(items, i => (int)i), alias, adjacency);
    }
}
