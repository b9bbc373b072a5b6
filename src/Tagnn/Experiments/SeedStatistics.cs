namespace Tagnn.Experiments;

/// <summary>The mean and spread of a metric over seeds, as the table reports them.</summary>
public static class SeedStatistics
{
    /// <summary>The mean, or null when there are no values.</summary>
    public static double? Mean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? null : values.Average();
    }

    /// <summary>
    /// The sample standard deviation (n - 1 in the denominator: the seeds are a sample of all seeds), or null when it
    /// is undefined (fewer than two values).
    /// </summary>
    public static double? SampleStd(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2) return null;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
