using System.Globalization;
using Tagnn.Experiments;

namespace Tagnn.Course;

/// <summary>
/// The comparison helper's results as HTML tables (notebook 11): per model the mean ± standard error over seeds, the
/// range of the seeds, and against the reference the difference, the paired t-test and the verdict (the rule in the
/// footnote); per sweep setting the same. Each returns an <see cref="HtmlFigure"/>.
/// </summary>
public static class ComparisonTables
{
    private static string F(double? v, string format = "0.00") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string MeanSe(MetricSummary s) => s.StandardError is { } se ? $"{F(s.Mean)} ± {F(se)}" : F(s.Mean);

    private static string Range(MetricSummary s) => $"{F(s.Min)}–{F(s.Max)}";

    private static string Test(MetricContrast c)
    {
        if (c.Verdict == ComparisonVerdict.Reference) return "";
        var t = c.TTest;
        var sign = t.MeanDifference.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
        return t.P is { } p ? $"{sign} (t {F(t.T)}, p {F(p, "0.000")})" : sign;
    }

    private static string Interval(MetricContrast c) => c.Bootstrap is { } b ? $"[{F(b.Lower)}, {F(b.Upper)}]" : "";

    private static string? VerdictStyle(ComparisonVerdict v) => v switch
    {
        ComparisonVerdict.Distinguishable => "color:#1f77b4;font-weight:bold",
        ComparisonVerdict.NotDistinguishable => "color:#777",
        _ => null,
    };

    /// <summary>
    /// One row per model: seeds, P@20 and MRR@20 as mean ± SE with the seeds' range, and against the reference the
    /// mean paired difference with t and p, the bootstrap interval over test sessions and the verdict.
    /// </summary>
    /// <param name="result">The comparison.</param>
    /// <param name="caption">A caption (default: the data and the seeds).</param>
    public static HtmlFigure Comparison(ComparisonResult result, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var boot = result.BootstrapResamples > 0;
        var heads = new List<(string, bool)> { ("model", false), ("seeds", true), ("P@20", true), ("range", true), ("MRR@20", true), ("range", true),
            ($"Δ P@20 vs {result.Reference}", true) };
        if (boot) heads.Add(("bootstrap", true));
        heads.Add(("P@20 verdict", false));
        heads.Add(($"Δ MRR@20", true));
        if (boot) heads.Add(("bootstrap", true));
        heads.Add(("MRR@20 verdict", false));
        caption ??= $"{result.Models.Count} model(s), {result.Seeds.Count} seed(s) each, validation protocol, {result.TestExamples:N0} test examples";
        var table = new HtmlTable(caption).Head(heads);
        foreach (var (summary, contrast) in result.Models.Zip(result.Contrasts))
        {
            table.Row("border-bottom:1px solid #e4e4e4").Cell(summary.Model, bold: contrast.P20.Verdict == ComparisonVerdict.Reference)
                .Cell(summary.Runs.Count.ToString(CultureInfo.InvariantCulture), number: true)
                .Cell(MeanSe(summary.P20), number: true).Cell(Range(summary.P20), number: true, style: "color:#555")
                .Cell(MeanSe(summary.Mrr20), number: true).Cell(Range(summary.Mrr20), number: true, style: "color:#555")
                .Cell(Test(contrast.P20), number: true);
            if (boot) table.Cell(Interval(contrast.P20), number: true, style: "color:#555");
            table.Cell(contrast.P20.VerdictText, style: VerdictStyle(contrast.P20.Verdict)).Cell(Test(contrast.Mrr20), number: true);
            if (boot) table.Cell(Interval(contrast.Mrr20), number: true, style: "color:#555");
            table.Cell(contrast.Mrr20.VerdictText, style: VerdictStyle(contrast.Mrr20.Verdict));
        }
        var note = "Test metrics in percent at the epoch chosen on validation; mean ± standard error over seeds; Δ = model minus reference, " +
                   "paired by seed. " + result.Rule +
                   (boot ? $" Bootstrap: {1 - result.Alpha:P0} interval of Δ over {result.BootstrapResamples:N0} resamples of the {result.TestSessions:N0} test sessions (test-set noise, not seed noise)." : "");
        return table.ToFigure(result.Describe(), note);
    }

    /// <summary>One row per setting of a sweep: the parameters, P@20 and MRR@20 as mean ± SE (and SD), and the verdicts
    /// against the reference setting.</summary>
    /// <param name="sweep">The sweep.</param>
    /// <param name="caption">A caption (default: the parameters and seeds).</param>
    public static HtmlFigure Sweep(SweepResult sweep, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var seeds = sweep.Comparison.Seeds.Count;
        caption ??= $"sweep over {string.Join(" x ", sweep.Parameters)}, {seeds} seed(s) per setting";
        var table = new HtmlTable(caption).Head([.. sweep.Parameters.Select(p => (p, true)),
            ("P@20", true), ("SD", true), ("MRR@20", true), ("SD", true), ($"P@20 vs {sweep.Comparison.Reference}", false), ("MRR@20", false)]);
        foreach (var p in sweep.Points)
        {
            table.Row("border-bottom:1px solid #e4e4e4");
            foreach (var v in p.Values) table.Cell(v.ToString("G6", CultureInfo.InvariantCulture), number: true);
            table.Cell(MeanSe(p.P20), number: true).Cell(F(p.P20.Sd), number: true, style: "color:#555")
                .Cell(MeanSe(p.Mrr20), number: true).Cell(F(p.Mrr20.Sd), number: true, style: "color:#555")
                .Cell(p.Contrast.P20.VerdictText, style: VerdictStyle(p.Contrast.P20.Verdict))
                .Cell(p.Contrast.Mrr20.VerdictText, style: VerdictStyle(p.Contrast.Mrr20.Verdict));
        }
        return table.ToFigure(sweep.Comparison.Describe(), "Test metrics in percent; mean ± standard error over seeds, SD = the seeds' sample standard deviation. " +
            sweep.Comparison.Rule);
    }
}
