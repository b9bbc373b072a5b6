using System.Globalization;

namespace Tagnn.Course;

/// <summary>
/// The difference between two variants of an ablation on one metric, mean over their seeds, with its standard error
/// and what it amounts to under the course's rule: a difference counts as clear at <see cref="ClearAt"/> standard
/// errors or more, as suggestive (not established) between <see cref="SuggestiveAt"/> and <see cref="ClearAt"/>, and
/// below that it is not distinguishable from noise. The standard error is the larger of two estimates: one from the
/// seed noise pooled over every variant (stable, but it assumes the variants are equally noisy) and one from the two
/// variants' own seed spreads (no such assumption, but rough with a few seeds), so that neither a noisy pair nor a
/// lucky small spread makes a difference look clearer than it is.
/// </summary>
/// <param name="A">The first variant (the difference is A minus B).</param>
/// <param name="B">The second variant.</param>
/// <param name="Metric">The metric.</param>
/// <param name="MeanA">A's mean over its seeds, in points.</param>
/// <param name="MeanB">B's mean over its seeds, in points.</param>
/// <param name="SeedsA">A's seeds.</param>
/// <param name="SeedsB">B's seeds.</param>
/// <param name="PooledError">The standard error of the difference from the pooled seed noise,
/// <c>sd * sqrt(1 / SeedsA + 1 / SeedsB)</c> (<see cref="AblationNoise"/>); NaN without a noise estimate.</param>
/// <param name="OwnError">The standard error of the difference from the two variants' own seed standard deviations,
/// <c>sqrt(sdA^2 / SeedsA + sdB^2 / SeedsB)</c>; NaN when a variant has fewer than two seeds.</param>
public sealed record AblationDifference(AblationVariant A, AblationVariant B, AblationMetric Metric, double MeanA, double MeanB,
    int SeedsA, int SeedsB, double PooledError, double OwnError)
{
    /// <summary>The standard error the verdict uses: the larger of <see cref="PooledError"/> and
    /// <see cref="OwnError"/> (the pooled one alone when the variants' own cannot be computed; NaN without a pooled
    /// estimate).</summary>
    public double StandardError => double.IsNaN(PooledError) ? double.NaN : double.IsNaN(OwnError) ? PooledError : Math.Max(PooledError, OwnError);

    /// <summary>From this many standard errors on, a difference counts as clear. With three seeds of nine variants
    /// (18 degrees of freedom) a two-sided t-test puts its 1 % level at 2.88; a study that makes a dozen comparisons
    /// needs about that to keep false alarms rare.</summary>
    public const double ClearAt = 3.0;

    /// <summary>From this many standard errors up to <see cref="ClearAt"/>, a difference is suggestive only.</summary>
    public const double SuggestiveAt = 2.0;

    /// <summary>MeanA minus MeanB, in points.</summary>
    public double Difference => MeanA - MeanB;

    /// <summary>The difference in standard errors (NaN without a noise estimate).</summary>
    public double Ratio => Difference / StandardError;

    /// <summary>What the difference amounts to under the rule.</summary>
    public AblationVerdict Verdict => double.IsNaN(StandardError) || StandardError <= 0 ? AblationVerdict.NoNoiseEstimate
        : Math.Abs(Ratio) >= ClearAt ? AblationVerdict.Clear
        : Math.Abs(Ratio) >= SuggestiveAt ? AblationVerdict.Suggestive
        : AblationVerdict.Noise;

    /// <summary>The variant ahead (A or B) when the verdict is clear or suggestive, else null.</summary>
    public AblationVariant? Ahead => Verdict is AblationVerdict.Clear or AblationVerdict.Suggestive ? Difference > 0 ? A : B : null;

    /// <summary>The metric's name as the paper prints it.</summary>
    public string MetricName => Metric == AblationMetric.HitRate20 ? "P@20" : "MRR@20";

    /// <summary>The verdict in words, e.g. <c>TAGNN ahead</c>, <c>suggestive: TAGNN ahead, not established</c> or
    /// <c>not distinguishable from noise</c>.</summary>
    public string VerdictText => Verdict switch
    {
        AblationVerdict.Clear => $"{Ahead!.Name} ahead",
        AblationVerdict.Suggestive => $"suggestive: {Ahead!.Name} ahead, not established",
        AblationVerdict.Noise => "not distinguishable from noise",
        _ => "no verdict: one seed gives no noise estimate",
    };

    /// <summary>E.g. <c>TAGNN − TAGNN-L, P@20: +1.23 ± 0.40 points (3.1 SE): TAGNN ahead</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{A.Name} − {B.Name}, {MetricName}: {Difference:+0.00;-0.00;0.00} ± {StandardError:F2} points " +
        $"({(double.IsNaN(Ratio) ? "–" : Math.Abs(Ratio).ToString("F1", CultureInfo.InvariantCulture))} SE): {VerdictText}");
}
