namespace Tagnn.Training;

/// <summary>A baseline's numbers on the run's test set.</summary>
/// <param name="HitRate20">P@20 (HR@20), percent.</param>
/// <param name="Mrr20">MRR@20, percent.</param>
/// <param name="Metrics">Every metric.</param>
/// <param name="Seconds">Wall time to build and evaluate it.</param>
public sealed record BaselineResult(double HitRate20, double Mrr20, IReadOnlyDictionary<string, double> Metrics, double Seconds);
