using System.Collections.Concurrent;
using Tagnn.Data;
using static TorchSharp.torch;

namespace Tagnn.Graphs;

/// <summary>
/// Cuts a <see cref="SessionDataset"/> into <see cref="SessionBatch"/>es, as the reference's <c>Data.generate_batch</c>
/// and <c>get_slice</c> do: optional shuffling per epoch, consecutive slices of <see cref="BatcherOptions.BatchSize"/>,
/// the last one smaller.
/// </summary>
/// <remarks>
/// Graphs are built from the dataset's compressed arrays straight into reusable managed buffers (no per-element tensor
/// work), then each tensor is made with one copy. With <see cref="BatcherOptions.Prefetch"/> the next batch's buffers
/// are built on a worker thread while the current batch is used; tensors are always created on the thread that
/// enumerates, so torch (and its dispose scopes) is only touched there.
/// </remarks>
public sealed class SessionBatcher
{
    private readonly SessionDataset dataset;

    /// <summary>Creates a batcher over <paramref name="dataset"/>.</summary>
    public SessionBatcher(SessionDataset dataset, BatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new BatcherOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options.BatchSize));
        if (dataset.Count == 0) throw new ArgumentException("The dataset has no examples.", nameof(dataset));
        var padLength = options.PadLength ?? dataset.MaxPrefixLength;
        if (padLength < dataset.MaxPrefixLength)
            throw new ArgumentException($"Padding length {padLength} is shorter than the dataset's longest prefix ({dataset.MaxPrefixLength}).", nameof(options));
        this.dataset = dataset;
        Options = options;
        PadLength = padLength;
    }

    /// <summary>The options in force.</summary>
    public BatcherOptions Options { get; }

    /// <summary>The dataset-wide padding length (see <see cref="SessionBatch.PadLength"/>).</summary>
    public int PadLength { get; }

    /// <summary>Number of examples.</summary>
    public int ExampleCount => dataset.Count;

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => (dataset.Count + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>
    /// The example order of <paramref name="epoch"/>: 0..Count-1, or, when shuffling, a Fisher-Yates permutation
    /// drawn from a SplitMix64 stream seeded by (Seed, epoch). A pure function of its inputs, stable across .NET
    /// versions, so a resumed run sees the same batches.
    /// </summary>
    public int[] Order(int epoch)
    {
        var order = new int[dataset.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        if (!Options.Shuffle) return order;
        var state = (ulong)Options.Seed * 0x9E3779B97F4A7C15UL ^ ((ulong)epoch + 0xD1B54A32D192ED03UL);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(NextUInt64(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// The batches of <paramref name="epoch"/>, in order. Each yielded batch is owned by the caller: dispose it
    /// (<c>foreach (var b in ...) { using (b) ... }</c>). Stopping early stops the worker.
    /// </summary>
    public IEnumerable<SessionBatch> Batches(int epoch = 0)
    {
        var order = Order(epoch);
        var device = Options.Device ?? CPU;
        return Options.Prefetch && BatchCount > 1 ? Prefetched(order, device) : Sequential(order, device);
    }

    /// <summary>Builds one batch of the examples at <paramref name="indices"/> (dataset order, as given).</summary>
    public SessionBatch Build(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var host = new HostBatch();
        BuildHost(host, indices.ToArray(), 0, indices.Count);
        return new SessionBatch(host, Options.Device ?? CPU);
    }

    private IEnumerable<SessionBatch> Sequential(int[] order, Device device)
    {
        var host = new HostBatch();
        for (var k = 0; k < BatchCount; k++)
        {
            var (start, count) = Slice(k);
            BuildHost(host, order, start, count);
            yield return new SessionBatch(host, device);
        }
    }

    private IEnumerable<SessionBatch> Prefetched(int[] order, Device device)
    {
        // Three buffers: one being turned into tensors, one ready, one being built.
        using var free = new BlockingCollection<HostBatch>(3);
        using var ready = new BlockingCollection<HostBatch>(2);
        for (var i = 0; i < 3; i++) free.Add(new HostBatch());
        using var stop = new CancellationTokenSource();
        var worker = Task.Run(() =>
        {
            try
            {
                for (var k = 0; k < BatchCount; k++)
                {
                    var host = free.Take(stop.Token);
                    var (start, count) = Slice(k);
                    BuildHost(host, order, start, count);
                    ready.Add(host, stop.Token);
                }
            }
            finally
            {
                ready.CompleteAdding();
            }
        });
        try
        {
            foreach (var host in ready.GetConsumingEnumerable())
            {
                var batch = new SessionBatch(host, device);
                free.Add(host);
                yield return batch;
            }
            worker.GetAwaiter().GetResult(); // surfaces a build error
        }
        finally
        {
            stop.Cancel();
            // The worker's own error, if any, was rethrown above; here it only has to be finished.
            try { worker.Wait(); }
            catch (AggregateException) { }
        }
    }

    private (int Start, int Count) Slice(int k)
    {
        var start = k * Options.BatchSize;
        return (start, Math.Min(Options.BatchSize, dataset.Count - start));
    }

    private void BuildHost(HostBatch host, int[] order, int start, int count) =>
        host.Build(dataset.PrefixItems, dataset.Offsets, dataset.Targets, order.AsSpan(start, count), Options.Padding, PadLength);

    private static ulong NextUInt64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
