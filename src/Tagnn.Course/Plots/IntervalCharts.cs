using System.Globalization;
using Plotly.NET;
using Tagnn.Experiments;

namespace Tagnn.Course;

/// <summary>
/// Means with standard-error whiskers and one dot per seed (notebook 11): a comparison's models side by side, a sweep's
/// settings along their parameter. The dots show the seed noise the whiskers summarise. Styled with
/// <see cref="Plots.Style"/>.
/// </summary>
public static class IntervalCharts
{
    /// <summary>The metric names the charts take.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["P@20", "MRR@20"];

    private static MetricSummary Pick(MetricSummary p20, MetricSummary mrr20, string metric) => metric switch
    {
        "P@20" => p20,
        "MRR@20" => mrr20,
        _ => throw new ArgumentException($"Unknown metric '{metric}'; use {string.Join(" or ", Metrics)}.", nameof(metric)),
    };

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Seed dots spread a little around x (deterministically, by seed index).</summary>
    private static double Jitter(int k, int count, double width) => count < 2 ? 0 : (k - (count - 1) / 2.0) * width / (count - 1);

    private static GenericChart Dots(IEnumerable<(double X, double Y, string Text)> dots, string name, string color) =>
        PlotlyExtras.Trace("scatter",
            ("x", dots.Select(d => d.X).ToArray()), ("y", dots.Select(d => d.Y).ToArray()), ("text", dots.Select(d => d.Text).ToArray()),
            ("mode", "markers"), ("name", name), ("hoverinfo", "text"),
            ("marker", PlotlyExtras.Obj(("size", 7), ("color", color), ("opacity", 0.55))));

    private static GenericChart Means(double[] x, MetricSummary[] summaries, string name, string color, string mode, string[] text) =>
        PlotlyExtras.Trace("scatter",
            ("x", x), ("y", summaries.Select(s => s.Mean).ToArray()), ("text", text), ("mode", mode), ("name", name), ("hoverinfo", "text"),
            ("error_y", PlotlyExtras.Obj(("type", "data"), ("array", summaries.Select(s => s.StandardError ?? 0).ToArray()), ("visible", true),
                ("thickness", 2), ("width", 8), ("color", color))),
            ("marker", PlotlyExtras.Obj(("size", 11), ("color", color), ("symbol", "diamond"))),
            ("line", PlotlyExtras.Obj(("color", color))));

    private static string MeanText(string label, MetricSummary s, string metric) =>
        $"{label}: {metric} {F(s.Mean)}" + (s.StandardError is { } se ? $" ± {F(se)} (SE), {s.Count} seeds" : ", one seed");

    /// <summary>
    /// The models of a comparison side by side: each model's mean of <paramref name="metric"/> with a ± 1 standard
    /// error whisker, its seeds as dots, and its verdict against the reference in the axis label.
    /// </summary>
    /// <param name="result">The comparison.</param>
    /// <param name="metric"><c>P@20</c> or <c>MRR@20</c>.</param>
    /// <param name="title">Chart title (default: the metric and the seeds).</param>
    public static GenericChart Comparison(ComparisonResult result, string metric = "P@20", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summaries = result.Models.Select(m => Pick(m.P20, m.Mrr20, metric)).ToArray();
        var contrasts = result.Contrasts.Select(c => Pick20(c, metric)).ToArray();
        var x = Enumerable.Range(0, summaries.Length).Select(i => (double)i).ToArray();
        var dots = summaries.SelectMany((s, i) => s.Values.Select((v, k) =>
            (x[i] + Jitter(k, s.Count, 0.3), v, $"{result.Models[i].Model}, seed {result.Seeds[k]}: {F(v)}")));
        var labels = result.Models.Select((m, i) => contrasts[i].Verdict == ComparisonVerdict.Reference
            ? $"{m.Model}<br>(reference)"
            : $"{m.Model}<br>{contrasts[i].VerdictText}").ToArray();
        var chart = Plotly.NET.CSharp.Chart.Combine(
        [
            Dots(dots, "seeds", Palette.Category10[7]),
            Means(x, summaries, "mean ± SE", Palette.Category10[0], "markers",
                [.. summaries.Select((s, i) => MeanText(result.Models[i].Model, s, metric))]),
        ]);
        chart = Plots.Style(chart, title ?? $"Test {metric}: mean ± standard error over {result.Seeds.Count} seed(s)", "", $"{metric} (%)");
        return PlotlyExtras.SetLayout(chart, "xaxis", new Dictionary<string, object>
        {
            ["tickvals"] = x, ["ticktext"] = labels, ["range"] = new[] { -0.6, summaries.Length - 0.4 },
        });
    }

    /// <summary>
    /// A sweep along its first parameter: the mean of <paramref name="metric"/> per setting with ± 1 SE whiskers and
    /// the seeds as dots; a two-parameter sweep draws one line per value of the second parameter.
    /// </summary>
    /// <param name="sweep">The sweep.</param>
    /// <param name="metric"><c>P@20</c> or <c>MRR@20</c>.</param>
    /// <param name="title">Chart title (default: the metric and the parameters).</param>
    /// <param name="logX">Logarithmic x axis (e.g. for a learning rate).</param>
    public static GenericChart Sweep(SweepResult sweep, string metric = "P@20", string? title = null, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var groups = sweep.Parameters.Count == 1
            ? [(Name: "mean ± SE", Points: sweep.Points.ToList())]
            : sweep.Points.GroupBy(p => p.Values[1])
                .Select(g => (Name: $"{sweep.Parameters[1]} = {g.Key.ToString("G6", CultureInfo.InvariantCulture)}", Points: g.ToList())).ToList();
        var xs = sweep.Points.Select(p => p.Values[0]).Distinct().Order().ToArray();
        var spread = xs.Length > 1 ? xs.Zip(xs.Skip(1), (a, b) => b - a).Min() * 0.15 : 0.1;
        var traces = new List<GenericChart>();
        for (var g = 0; g < groups.Count; g++)
        {
            var color = Palette.Category10[g % Palette.Category10.Length];
            var points = groups[g].Points;
            var summaries = points.Select(p => Pick(p.P20, p.Mrr20, metric)).ToArray();
            var width = logX ? 0 : spread;        // no offset on a log axis, where a fixed width would distort
            traces.Add(Dots(points.SelectMany((p, i) => summaries[i].Values.Select((v, k) =>
                (p.Values[0] + Jitter(k, summaries[i].Count, width), v, $"{p.Model}, seed {sweep.Comparison.Seeds[k]}: {F(v)}"))),
                $"seeds ({groups[g].Name})", color));
            traces.Add(Means([.. points.Select(p => p.Values[0])], summaries, groups[g].Name, color, "lines+markers",
                [.. summaries.Select((s, i) => MeanText(points[i].Model, s, metric))]));
        }
        return Plots.Style(Plotly.NET.CSharp.Chart.Combine(traces),
            title ?? $"Test {metric} against {string.Join(" and ", sweep.Parameters)}: mean ± SE over {sweep.Comparison.Seeds.Count} seed(s)",
            sweep.Parameters[0], $"{metric} (%)", logX: logX);
    }

    private static MetricContrast Pick20(ModelContrast c, string metric) => metric switch
    {
        "P@20" => c.P20,
        "MRR@20" => c.Mrr20,
        _ => throw new ArgumentException($"Unknown metric '{metric}'; use {string.Join(" or ", Metrics)}.", nameof(metric)),
    };
}
