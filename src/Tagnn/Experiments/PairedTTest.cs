namespace Tagnn.Experiments;

/// <summary>
/// A paired t-test over seeds: with the differences d_s = model_s - reference_s of the K seeds (the same seed gives
/// both models the same validation split and, at the same batch size, the same batch order), t = mean(d) / (sd(d) /
/// sqrt(K)) with K - 1 degrees of freedom. The difference is called distinguishable from seed noise when the two-sided
/// p-value is below alpha, i.e. |t| exceeds <see cref="Critical"/>.
/// </summary>
/// <param name="Count">K, the number of paired seeds.</param>
/// <param name="MeanDifference">mean(d): model minus reference.</param>
/// <param name="SdDifference">The sample standard deviation of d; null with one seed.</param>
/// <param name="StandardError">sd(d) / sqrt(K); null with one seed.</param>
/// <param name="T">The t statistic; null with one seed, or when every difference is 0 (nothing to test); infinite
/// when every difference is the same non-zero value.</param>
/// <param name="DegreesOfFreedom">K - 1.</param>
/// <param name="P">The two-sided p-value; null when <paramref name="T"/> is (1 for all-zero differences is not
/// claimed: the test is simply not run).</param>
/// <param name="Alpha">The level.</param>
/// <param name="Critical">The t a difference must exceed: the two-sided critical value at <paramref name="Alpha"/>
/// with K - 1 degrees of freedom; null with one seed.</param>
/// <param name="MinimumDetectable">Critical x standard error: the smallest mean difference these seeds, with this
/// spread of differences, would have called distinguishable; null with one seed.</param>
/// <param name="Distinguishable">Whether P &lt; Alpha.</param>
public sealed record PairedTTest(int Count, double MeanDifference, double? SdDifference, double? StandardError, double? T,
    int DegreesOfFreedom, double? P, double Alpha, double? Critical, double? MinimumDetectable, bool Distinguishable)
{
    /// <summary>The test of <paramref name="model"/> against <paramref name="reference"/>, paired by position (seed).</summary>
    /// <exception cref="ArgumentException">Different lengths, no values, a non-finite value, or alpha outside (0, 1).</exception>
    public static PairedTTest Compute(IReadOnlyList<double> model, IReadOnlyList<double> reference, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reference);
        if (model.Count != reference.Count)
            throw new ArgumentException($"A paired test needs one value per seed on both sides; got {model.Count} and {reference.Count}.");
        if (model.Count == 0) throw new ArgumentException("A paired test needs at least one seed.");
        if (model.Concat(reference).Any(v => !double.IsFinite(v))) throw new ArgumentException("Every value must be finite.");
        if (!(alpha is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        var differences = model.Zip(reference, (m, r) => m - r).ToList();
        var k = differences.Count;
        var mean = differences.Average();
        if (k < 2) return new PairedTTest(k, mean, null, null, null, 0, null, alpha, null, null, false);
        var sd = SeedStatistics.SampleStd(differences)!.Value;
        var se = sd / Math.Sqrt(k);
        var critical = StudentT.Critical(alpha, k - 1);
        double? t = se > 0 ? mean / se : mean != 0 ? (mean > 0 ? double.PositiveInfinity : double.NegativeInfinity) : null;
        double? p = t is { } value ? StudentT.TwoSidedP(value, k - 1) : null;
        return new PairedTTest(k, mean, sd, se, t, k - 1, p, alpha, critical, critical * se, p < alpha);
    }
}
