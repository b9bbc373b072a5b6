namespace Tagnn.Graphs;

/// <summary>
/// A batch built on the managed side, in reusable buffers: the graph arrays of every example laid out as the tensors
/// of <see cref="SessionBatch"/> want them. Building never touches torch, so it can run on a worker thread.
/// </summary>
internal sealed class HostBatch
{
    private int[] nodeScratch = new int[16];
    private bool[] edgeScratch = new bool[256];

    public long[] Items = [];
    public long[] Alias = [];
    public float[] Adjacency = [];
    public float[] Mask = [];
    public long[] Targets = [];
    public long[] Lengths = [];
    public int[] Indices = [];

    /// <summary>B: examples in the batch.</summary>
    public int Count;

    /// <summary>L: padded length of the batch.</summary>
    public int Length;

    /// <summary>n: node count (the largest example's, padded with 0).</summary>
    public int NodeCount;

    /// <summary>The dataset-wide padding length the reference semantics use.</summary>
    public int PadLength;

    /// <summary>
    /// Fills the buffers with the examples at <paramref name="indices"/> of a CSR example list.
    /// </summary>
    /// <param name="items">All prefixes back to back.</param>
    /// <param name="offsets">Count + 1 offsets into <paramref name="items"/>.</param>
    /// <param name="targets">Targets (1-based), or empty for none (then 0 is written).</param>
    /// <param name="indices">The examples to take, in batch order.</param>
    /// <param name="policy">How far to pad.</param>
    /// <param name="padLength">The dataset-wide padding length (every prefix must fit in it).</param>
    public void Build(ReadOnlySpan<int> items, ReadOnlySpan<int> offsets, ReadOnlySpan<int> targets,
        ReadOnlySpan<int> indices, PaddingPolicy policy, int padLength)
    {
        if (indices.Length == 0) throw new ArgumentException("A batch needs at least one example.", nameof(indices));
        var b = indices.Length;
        var longest = 0;
        for (var k = 0; k < b; k++)
        {
            var index = indices[k];
            if ((uint)index >= (uint)(offsets.Length - 1))
                throw new ArgumentOutOfRangeException(nameof(indices), $"Example {index} does not exist ({offsets.Length - 1} examples).");
            longest = Math.Max(longest, offsets[index + 1] - offsets[index]);
        }
        if (longest > padLength)
            throw new ArgumentException($"A prefix of {longest} clicks is longer than the padding length {padLength}.", nameof(padLength));
        var length = policy == PaddingPolicy.Dataset ? padLength : longest;

        Grow(ref nodeScratch, longest + 1);
        Grow(ref edgeScratch, (longest + 1) * (longest + 1));
        var n = 0;
        for (var k = 0; k < b; k++)
        {
            var prefix = items[offsets[indices[k]]..offsets[indices[k] + 1]];
            n = Math.Max(n, SessionGraphKernel.CountNodes(prefix, prefix.Length < length, nodeScratch));
        }

        Count = b;
        Length = length;
        NodeCount = n;
        PadLength = padLength;
        Resize(ref Items, b * n);
        Resize(ref Alias, b * length);
        Resize(ref Adjacency, b * n * 2 * n);
        Resize(ref Mask, b * length);
        Resize(ref Targets, b);
        Resize(ref Lengths, b);
        Resize(ref Indices, b);
        for (var k = 0; k < b; k++)
        {
            var index = indices[k];
            var prefix = items[offsets[index]..offsets[index + 1]];
            SessionGraphKernel.Write(prefix, length, n,
                Items.AsSpan(k * n, n), Alias.AsSpan(k * length, length),
                Adjacency.AsSpan(k * n * 2 * n, n * 2 * n), Mask.AsSpan(k * length, length),
                nodeScratch, edgeScratch);
            Targets[k] = targets.IsEmpty ? 0 : targets[index];
            Lengths[k] = prefix.Length;
            Indices[k] = index;
        }
    }

    // Buffers only grow (a pooled HostBatch stops allocating after a few batches); the used part is cleared because
    // the kernel writes non-zeros only. Consumers read the first Count/Length/NodeCount-sized part.
    private static void Resize<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size) buffer = new T[Math.Max(size, buffer.Length + buffer.Length / 2)];
        else Array.Clear(buffer, 0, size);
    }

    private static void Grow<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size) buffer = new T[Math.Max(size, buffer.Length * 2)];
    }
}
