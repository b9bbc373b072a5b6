namespace Tagnn.Experiments;

/// <summary>One setting of a sweep over its seeds.</summary>
/// <param name="Model">The setting's label, also its model's name in the comparison (e.g. <c>d=64, steps=2</c>).</param>
/// <param name="Values">The parameters' values, in the sweep's parameter order.</param>
/// <param name="P20">Test P@20 over the seeds (mean, spread, SE), percent.</param>
/// <param name="Mrr20">Test MRR@20 over the seeds, percent.</param>
/// <param name="Contrast">Against the sweep's reference setting (the first unless the options name another).</param>
public sealed record SweepPoint(string Model, IReadOnlyList<double> Values, MetricSummary P20, MetricSummary Mrr20, ModelContrast Contrast);
