namespace Tagnn.Experiments;

/// <summary>One model of a comparison over its seeds.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Description">Its one-line description (<see cref="Tagnn.Model.ModelSpec.Describe"/>).</param>
/// <param name="P20">Test P@20 (HR@20) over the seeds, percent.</param>
/// <param name="Mrr20">Test MRR@20 over the seeds, percent.</param>
/// <param name="Runs">Every run, in seed order.</param>
public sealed record ModelSummary(string Model, string Description, MetricSummary P20, MetricSummary Mrr20, IReadOnlyList<ComparisonRun> Runs);
