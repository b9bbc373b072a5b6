using System.Globalization;

namespace Tagnn.Experiments;

/// <summary>
/// One metric of one model against the reference model: the paired t-test over seeds (which decides
/// <see cref="Verdict"/>) and, when per-example ranks were kept, the paired bootstrap over test sessions.
/// </summary>
/// <param name="Metric">The metric's name (<c>P@20</c>, <c>MRR@20</c>).</param>
/// <param name="TTest">The paired t-test over seeds.</param>
/// <param name="Bootstrap">The paired bootstrap over test sessions, or null (turned off).</param>
/// <param name="Verdict">Distinguishable when the t-test's p &lt; alpha (<see cref="ModelComparison.Rule"/>).</param>
public sealed record MetricContrast(string Metric, PairedTTest TTest, PairedBootstrap? Bootstrap, ComparisonVerdict Verdict)
{
    /// <summary>The verdict in the comparison's words: "distinguishable" or "not distinguishable from seed noise"
    /// ("reference" for the reference model).</summary>
    public string VerdictText => Text(Verdict);

    /// <summary>The words of a verdict.</summary>
    public static string Text(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Reference => "reference",
        ComparisonVerdict.Distinguishable => "distinguishable",
        _ => "not distinguishable from seed noise",
    };

    /// <summary>The contrast of <paramref name="model"/>'s per-seed values with <paramref name="reference"/>'s.</summary>
    public static MetricContrast Compute(string metric, IReadOnlyList<double> model, IReadOnlyList<double> reference, double alpha,
        PairedBootstrap? bootstrap = null)
    {
        var test = PairedTTest.Compute(model, reference, alpha);
        return new MetricContrast(metric, test, bootstrap, test.Distinguishable ? ComparisonVerdict.Distinguishable : ComparisonVerdict.NotDistinguishable);
    }

    /// <summary>The contrast of the reference with itself.</summary>
    public static MetricContrast Self(string metric, IReadOnlyList<double> values, double alpha) =>
        new(metric, PairedTTest.Compute(values, values, alpha), null, ComparisonVerdict.Reference);

    /// <summary>One line: the difference, t, p and the verdict, e.g. "P@20 +1.20 (t = 5.10, df 2, p = 0.036 &lt;
    /// 0.05): distinguishable".</summary>
    public string Describe()
    {
        if (Verdict == ComparisonVerdict.Reference) return $"{Metric}: reference";
        var t = TTest;
        var text = string.Create(CultureInfo.InvariantCulture, $"{Metric} {t.MeanDifference:+0.00;-0.00;0.00}");
        text += t.T is null
            ? t.Count < 2 ? " (one seed: no noise measured)" : " (every seed gives the same difference: 0)"
            : string.Create(CultureInfo.InvariantCulture,
                $" (t = {t.T:0.00}, df {t.DegreesOfFreedom}, p = {t.P:0.000} {(t.Distinguishable ? "<" : ">=")} {t.Alpha:0.###})");
        if (Bootstrap is { } b)
            text += string.Create(CultureInfo.InvariantCulture, $", test-session bootstrap {1 - b.Alpha:P0} [{b.Lower:0.00}, {b.Upper:0.00}]");
        return $"{text}: {VerdictText}";
    }
}
