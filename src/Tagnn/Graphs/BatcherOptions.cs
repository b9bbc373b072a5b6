using static TorchSharp.torch;

namespace Tagnn.Graphs;

/// <summary>How <see cref="SessionBatcher"/> cuts a dataset into batches.</summary>
/// <param name="BatchSize">Examples per batch (the last batch may be smaller). The reference uses 100.</param>
/// <param name="Padding">Dataset-wide (the reference's) or per-batch padding.</param>
/// <param name="Shuffle">Shuffle the examples every epoch (the reference shuffles train, not test).</param>
/// <param name="Seed">Seed of the shuffle: the order of epoch e is a pure function of (Seed, e).</param>
/// <param name="PadLength">The dataset-wide padding length; null = the dataset's longest prefix (the reference's).</param>
/// <param name="Prefetch">Build batch k + 1 on a worker thread while batch k is used.</param>
public sealed record BatcherOptions(
    int BatchSize = 100,
    PaddingPolicy Padding = PaddingPolicy.Dataset,
    bool Shuffle = false,
    long Seed = 0,
    int? PadLength = null,
    bool Prefetch = true)
{
    /// <summary>Where to create the tensors (CPU when null).</summary>
    public Device? Device { get; init; }
}
