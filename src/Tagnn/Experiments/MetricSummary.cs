namespace Tagnn.Experiments;

/// <summary>
/// One metric of one model over K seeds: the values, their mean, their spread (min-max and the sample standard
/// deviation) and the standard error of the mean. In the metric's unit (percent for P@20 and MRR@20).
/// </summary>
/// <param name="Values">The value of each seed, in seed order.</param>
/// <param name="Mean">The mean over seeds.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Sd">The sample standard deviation (K - 1 in the denominator), null with one seed (undefined).</param>
/// <param name="StandardError">Sd / sqrt(K): how far the mean of K seeds typically is from the mean over all seeds;
/// null with one seed.</param>
public sealed record MetricSummary(IReadOnlyList<double> Values, double Mean, double Min, double Max, double? Sd, double? StandardError)
{
    /// <summary>K, the number of seeds.</summary>
    public int Count => Values.Count;

    /// <summary>The summary of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static MetricSummary Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("A summary needs at least one value.", nameof(values));
        if (values.Any(v => !double.IsFinite(v))) throw new ArgumentException("Every value must be finite.", nameof(values));
        var sd = SeedStatistics.SampleStd(values);
        return new MetricSummary([.. values], SeedStatistics.Mean(values)!.Value, values.Min(), values.Max(), sd,
            sd / Math.Sqrt(values.Count));
    }
}
