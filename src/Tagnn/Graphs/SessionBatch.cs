using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Graphs;

/// <summary>
/// A batch of session graphs as tensors on one device, laid out as the reference's <c>get_slice</c> returns them.
/// Owns its tensors (they belong to no dispose scope): dispose the batch when the step is done.
/// </summary>
/// <remarks>
/// <para>B examples, padded length L, n nodes per example (the largest node count of the batch).</para>
/// <para>The small per-position arrays (lengths, alias, mask) are also kept on the host, as they were built: a model
/// computes per-batch constants from them instead of reading device memory inside a training step.</para>
/// </remarks>
public sealed class SessionBatch : IDisposable
{
    internal SessionBatch(HostBatch host, Device device)
    {
        var b = host.Count;
        var l = host.Length;
        var n = host.NodeCount;
        Count = b;
        Length = l;
        NodeCount = n;
        PadLength = host.PadLength;
        ExampleIndices = host.Indices.AsSpan(0, b).ToArray();
        Device = device;
        Items = HostTensors.Create<long>(host.Items.AsSpan(0, b * n), [b, n], ScalarType.Int64, device).DetachFromDisposeScope();
        Alias = HostTensors.Create<long>(host.Alias.AsSpan(0, b * l), [b, l], ScalarType.Int64, device).DetachFromDisposeScope();
        Adjacency = HostTensors.Create<float>(host.Adjacency.AsSpan(0, b * n * 2 * n), [b, n, 2 * n], ScalarType.Float32, device).DetachFromDisposeScope();
        Mask = HostTensors.Create<float>(host.Mask.AsSpan(0, b * l), [b, l], ScalarType.Float32, device).DetachFromDisposeScope();
        Targets = HostTensors.Create<long>(host.Targets.AsSpan(0, b), [b], ScalarType.Int64, device).DetachFromDisposeScope();
        Lengths = HostTensors.Create<long>(host.Lengths.AsSpan(0, b), [b], ScalarType.Int64, device).DetachFromDisposeScope();
        HostLengths = host.Lengths.AsSpan(0, b).ToArray();
        HostAlias = host.Alias.AsSpan(0, b * l).ToArray();
        HostMask = host.Mask.AsSpan(0, b * l).ToArray();
    }

    /// <summary>(B, n) int64: each example's node item ids, ascending, 0 first when padded, right-padded with 0.</summary>
    public Tensor Items { get; }

    /// <summary>(B, L) int64: index of each position's item among the example's nodes (padding points to node 0).</summary>
    public Tensor Alias { get; }

    /// <summary>(B, n, 2n) float32: normalised in-edges in [:, :, :n], out-edges in [:, :, n:].</summary>
    public Tensor Adjacency { get; }

    /// <summary>(B, L) float32: 1 on real positions, 0 on padding.</summary>
    public Tensor Mask { get; }

    /// <summary>(B) int64: target item ids, 1-based (score column = id - 1). 0 when the batch has no targets.</summary>
    public Tensor Targets { get; }

    /// <summary>(B) int64: real clicks of each example (its last click is at position length - 1).</summary>
    public Tensor Lengths { get; }

    /// <summary>(B) on the host: <see cref="Lengths"/>.</summary>
    public IReadOnlyList<long> LengthsOnHost => HostLengths;

    /// <summary>(B * L) row-major on the host: <see cref="Alias"/>.</summary>
    public IReadOnlyList<long> AliasOnHost => HostAlias;

    /// <summary>(B * L) row-major on the host: <see cref="Mask"/>.</summary>
    public IReadOnlyList<float> MaskOnHost => HostMask;

    /// <summary>Whether some example is shorter than <see cref="Length"/> (the batch holds padding positions).</summary>
    public bool HasPadding => HostLengths.Any(length => length < Length);

    internal long[] HostLengths { get; }

    internal long[] HostAlias { get; }

    internal float[] HostMask { get; }

    /// <summary>B: number of examples.</summary>
    public int Count { get; }

    /// <summary>L: padded length of this batch (the dataset-wide length under <see cref="PaddingPolicy.Dataset"/>).</summary>
    public int Length { get; }

    /// <summary>n: node count per example in this batch.</summary>
    public int NodeCount { get; }

    /// <summary>
    /// The dataset-wide padding length: the length the reference pads every example of the dataset to. The reference
    /// formulation needs it (its softmaxes include padding); it equals <see cref="Length"/> under
    /// <see cref="PaddingPolicy.Dataset"/>.
    /// </summary>
    public int PadLength { get; }

    /// <summary>Whether the batch is padded to the dataset-wide length (the reference's own tensors).</summary>
    public bool IsDatasetPadded => Length == PadLength;

    /// <summary>The dataset index of each example, in batch order.</summary>
    public IReadOnlyList<int> ExampleIndices { get; }

    /// <summary>The device every tensor lives on.</summary>
    public Device Device { get; }

    /// <summary>
    /// A batch of free-standing sessions (no dataset, no targets), for recommending: <c>Targets</c> are 0.
    /// </summary>
    /// <param name="sessions">Each session's clicks (ids 1..n), oldest first.</param>
    /// <param name="padLength">The dataset-wide padding length whose semantics the reference formulation should
    /// reproduce (the padding of the data the model is compared with); at least the longest session.</param>
    /// <param name="policy">Pad to <paramref name="padLength"/> or to the longest session.</param>
    /// <param name="device">Where to create the tensors (CPU when null).</param>
    public static SessionBatch FromSessions(IReadOnlyList<IReadOnlyList<int>> sessions, int padLength,
        PaddingPolicy policy = PaddingPolicy.Batch, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var items = new List<int>();
        var offsets = new int[sessions.Count + 1];
        for (var k = 0; k < sessions.Count; k++)
        {
            if (sessions[k].Count == 0) throw new ArgumentException($"Session {k} is empty.", nameof(sessions));
            foreach (var item in sessions[k])
            {
                if (item < 1) throw new ArgumentException($"Session {k} holds item id {item}; ids start at 1 (0 is padding).", nameof(sessions));
                items.Add(item);
            }
            offsets[k + 1] = items.Count;
        }
        var host = new HostBatch();
        host.Build(items.ToArray(), offsets, [], Enumerable.Range(0, sessions.Count).ToArray(), policy, padLength);
        return new SessionBatch(host, device ?? CPU);
    }

    /// <summary>Disposes every tensor of the batch.</summary>
    public void Dispose()
    {
        Items.Dispose();
        Alias.Dispose();
        Adjacency.Dispose();
        Mask.Dispose();
        Targets.Dispose();
        Lengths.Dispose();
    }
}
