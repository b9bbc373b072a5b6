using System.Globalization;

namespace Tagnn.Course;

/// <summary>One trained variant, one seed.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Seed">The seed (initialisation and shuffling).</param>
/// <param name="HitRate20">P@20 (HR@20), percent.</param>
/// <param name="Mrr20">MRR@20, percent.</param>
/// <param name="TrainSeconds">Training time of the run (when it was trained; a cached run keeps its original time).</param>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="TestExamples">Test examples the run was scored on.</param>
public sealed record AblationResult(AblationVariant Variant, long Seed, double HitRate20, double Mrr20, double TrainSeconds,
    string RunDirectory, int TestExamples = 0)
{
    /// <summary>The value of <paramref name="metric"/>, percent.</summary>
    public double Value(AblationMetric metric) => metric == AblationMetric.HitRate20 ? HitRate20 : Mrr20;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Variant.Name,-24} seed {Seed}: P@20 {HitRate20:F2}  MRR@20 {Mrr20:F2}  ({TrainSeconds:F0} s training)");
}
