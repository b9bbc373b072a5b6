namespace Tagnn.Experiments;

/// <summary>One model against the comparison's reference model, metric by metric.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Reference">The reference model's name.</param>
/// <param name="P20">P@20 (HR@20), in percentage points.</param>
/// <param name="Mrr20">MRR@20, in percentage points.</param>
public sealed record ModelContrast(string Model, string Reference, MetricContrast P20, MetricContrast Mrr20);
