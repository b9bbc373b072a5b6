using System.Globalization;

namespace Tagnn.Course;

/// <summary>
/// The seed noise of an ablation: the standard deviation of a variant's score from seed to seed, pooled over every
/// variant that ran with two or more seeds (each variant's squared deviations from its own mean, divided by the
/// degrees of freedom, the runs minus the variants). Pooling assumes the variants are about equally noisy, which the
/// per-variant spreads (<see cref="AblationStudy.Summarize"/>) let a reader check; with a few seeds per variant a
/// single variant's own spread is too rough an estimate to judge by.
/// </summary>
/// <param name="Runs">Runs that entered the estimate (variants with at least two seeds).</param>
/// <param name="Variants">Variants that entered it.</param>
/// <param name="DegreesOfFreedom">Runs minus variants; 0 means no estimate.</param>
/// <param name="HitRate20">Pooled seed standard deviation of P@20, in points (NaN without an estimate).</param>
/// <param name="Mrr20">Pooled seed standard deviation of MRR@20, in points (NaN without an estimate).</param>
/// <param name="TestExamples">Test examples every run was scored on (for <see cref="TestSetError"/>).</param>
public sealed record AblationNoise(int Runs, int Variants, int DegreesOfFreedom, double HitRate20, double Mrr20, int TestExamples)
{
    /// <summary>The pooled seed standard deviation of <paramref name="metric"/>, in points.</summary>
    public double SeedSd(AblationMetric metric) => metric == AblationMetric.HitRate20 ? HitRate20 : Mrr20;

    /// <summary>
    /// The standard error of a mean over <paramref name="seeds"/> seeds: <c>SeedSd / sqrt(seeds)</c>, in points.
    /// </summary>
    public double StandardError(AblationMetric metric, int seeds) =>
        seeds < 1 ? double.NaN : SeedSd(metric) / Math.Sqrt(seeds);

    /// <summary>
    /// The test set's own sampling error of a score of <paramref name="percent"/> on <see cref="TestExamples"/>
    /// examples, in points: <c>sqrt(p (1 - p) / n)</c>, the binomial standard error for P@20; for MRR@20 (a mean of
    /// values in [0, 1]) the same formula is an upper bound. It says how much the score of one fixed model would move
    /// on another test set of the same size; the seeds do not show it, because every run is scored on the same set.
    /// </summary>
    public double TestSetError(double percent)
    {
        var p = percent / 100;
        return TestExamples < 1 ? double.NaN : 100 * Math.Sqrt(Math.Max(0, p * (1 - p)) / TestExamples);
    }

    /// <inheritdoc />
    public override string ToString() => DegreesOfFreedom == 0
        ? "no seed noise estimate: every variant ran with one seed"
        : string.Create(CultureInfo.InvariantCulture,
            $"seed standard deviation, pooled over {Variants} variants ({Runs} runs, {DegreesOfFreedom} degrees of freedom): " +
            $"P@20 {HitRate20:F2}, MRR@20 {Mrr20:F2} points");
}
