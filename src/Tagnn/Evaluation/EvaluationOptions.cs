using Tagnn.Graphs;

namespace Tagnn.Evaluation;

/// <summary>How <see cref="ModelEvaluator"/> batches a dataset.</summary>
/// <param name="BatchSize">Examples per batch (the reference evaluates in batches of 100).</param>
/// <param name="Padding">Per-batch (default) or dataset-wide padding; the reference formulation gives the same scores
/// either way.</param>
/// <param name="PadLength">The dataset-wide padding length whose semantics the reference formulation reproduces;
/// null = the dataset's own longest prefix (the reference pads each set to its own).</param>
/// <param name="Cutoffs">Cut-offs K (default 5, 10, 20).</param>
public sealed record EvaluationOptions(int BatchSize = 100, PaddingPolicy Padding = PaddingPolicy.Batch, int? PadLength = null,
    IReadOnlyList<int>? Cutoffs = null);
