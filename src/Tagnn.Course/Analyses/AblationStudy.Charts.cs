using System.Globalization;
using System.Net;
using Plotly.NET;
using Tagnn.Model;
using static Tagnn.Course.PlotlyExtras;

namespace Tagnn.Course;

public static partial class AblationStudy
{
    private const string Figure2Color = "#8c8c8c", TagnnColor = "#1f77b4", WithColor = "#1f77b4", WithoutColor = "#ff7f0e", SrGnnColor = "#7f7f7f";

    /// <summary>
    /// The paper's Figure 2 on our runs: one bar per model of <see cref="Figure2Variants"/> found in
    /// <paramref name="results"/> (the four readouts without target attention in grey, TAGNN in blue), P@20 and MRR@20
    /// side by side. A bar is the mean over the seeds, its whiskers one standard error of that mean (pooled seed
    /// noise, <see cref="Noise"/>), the dots the single seeds. The y axes do not start at 0.
    /// </summary>
    /// <param name="results">From <see cref="Run"/>.</param>
    /// <param name="title">Figure title.</param>
    public static GenericChart Figure2Chart(IReadOnlyList<AblationResult> results, string title = "The paper's Figure 2 on the sample")
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = Summarize(results.Where(r => Figure2Variants.Contains(r.Variant))).ToList();
        if (rows.Count == 0) throw new ArgumentException("No result of a Figure 2 variant.", nameof(results));
        var noise = Noise(results);
        var traces = new List<GenericChart>();
        foreach (var (metric, xAxis, yAxis) in new[] { (AblationMetric.HitRate20, "x", "y"), (AblationMetric.Mrr20, "x2", "y2") })
        {
            var names = rows.Select(s => s.Variant.Name).ToArray();
            var means = rows.Select(s => metric == AblationMetric.HitRate20 ? s.HitRate20.Mean : s.Mrr20.Mean).ToArray();
            var errors = rows.Select(s => noise.StandardError(metric, s.Seeds)).Select(e => double.IsNaN(e) ? 0 : e).ToArray();
            traces.Add(Trace("bar", ("x", names), ("y", means), ("xaxis", xAxis), ("yaxis", yAxis), ("showlegend", false),
                ("marker", Obj(("color", rows.Select(s => s.Variant.TargetAttention ? TagnnColor : Figure2Color).ToArray()))),
                ("error_y", Obj(("type", "data"), ("array", errors), ("color", "#333"), ("thickness", 1.5), ("width", 6))),
                ("texttemplate", "%{y:.1f}"), ("textposition", "inside"), ("insidetextanchor", "start"), ("textfont", Obj(("color", "white"))),
                ("hovertemplate", $"{Name(metric)} mean %{{y:.2f}} ± %{{error_y.array:.2f}} (1 SE)<extra>%{{x}}</extra>")));
            var seeds = results.Where(r => Figure2Variants.Contains(r.Variant)).ToList();
            traces.Add(Trace("scatter", ("mode", "markers"), ("x", seeds.Select(r => r.Variant.Name).ToArray()),
                ("y", seeds.Select(r => r.Value(metric)).ToArray()), ("xaxis", xAxis), ("yaxis", yAxis),
                ("name", "one seed"), ("legendgroup", "seed"), ("showlegend", xAxis == "x"),
                ("marker", Obj(("color", "#222"), ("size", 6), ("symbol", "circle-open"))),
                ("text", seeds.Select(r => $"seed {r.Seed}").ToArray()),
                ("hovertemplate", $"{Name(metric)} %{{y:.2f}}, %{{text}}<extra>%{{x}}</extra>")));
        }
        var subtitle = noise.DegreesOfFreedom > 0
            ? "bars: mean over the seeds; whiskers: ± 1 standard error (pooled seed noise); dots: single seeds"
            : "one seed: no standard error";
        return TwoPanels(traces, title, subtitle, "model", results, 900);
    }

    /// <summary>
    /// The course's extension as grouped bars: one group per readout (L, Avg, Att, L+Att) with target attention
    /// (blue) and without (orange), and SR-GNN (grey), P@20 and MRR@20 side by side. A bar is the mean over the seeds,
    /// its whiskers span the smallest to the largest seed. The y axes do not start at 0.
    /// </summary>
    /// <param name="results">From <see cref="Run"/>.</param>
    /// <param name="title">Figure title.</param>
    public static GenericChart Chart(IReadOnlyList<AblationResult> results, string title = "Every readout with and without target attention (our extension)")
    {
        ArgumentNullException.ThrowIfNull(results);
        var summary = Summarize(results);
        if (summary.Count == 0) throw new ArgumentException("No results.", nameof(results));
        var traces = new List<GenericChart>();
        foreach (var (metric, xAxis, yAxis) in new[] { (AblationMetric.HitRate20, "x", "y"), (AblationMetric.Mrr20, "x2", "y2") })
        {
            foreach (var (withTarget, name, color) in new[] { (true, "with target attention", WithColor), (false, "without target attention", WithoutColor) })
            {
                var rows = summary.Where(s => s.Variant.TargetAttention == withTarget).ToList();
                if (rows.Count == 0) continue;
                var stats = rows.Select(s => metric == AblationMetric.HitRate20 ? s.HitRate20 : s.Mrr20).ToArray();
                traces.Add(Trace("bar", ("name", name), ("legendgroup", name), ("showlegend", xAxis == "x"),
                    ("x", rows.Select(s => Category(s.Variant)).ToArray()), ("y", stats.Select(s => s.Mean).ToArray()),
                    ("xaxis", xAxis), ("yaxis", yAxis), ("offsetgroup", withTarget ? "target" : "plain"),
                    ("marker", Obj(("color", rows.Select(s => s.Variant.Kind == ModelKind.SrGnn ? SrGnnColor : color).ToArray()))),
                    ("error_y", Obj(("type", "data"), ("symmetric", false), ("array", stats.Select(s => s.Max - s.Mean).ToArray()),
                        ("arrayminus", stats.Select(s => s.Mean - s.Min).ToArray()), ("color", "#333"), ("thickness", 1.5), ("width", 5))),
                    ("texttemplate", "%{y:.1f}"), ("textposition", "inside"), ("insidetextanchor", "start"), ("textfont", Obj(("color", "white"))),
                    ("text", rows.Select(s => s.Variant.Name).ToArray()),
                    ("hovertemplate", Name(metric) + " %{y:.2f}<extra>%{text}</extra>")));
            }
        }
        var seeds = results.Select(r => r.Seed).Distinct().Count();
        var spread = seeds > 1 ? $"bars: mean of {seeds} seeds, whiskers: smallest to largest seed" : "one seed";
        return TwoPanels(traces, title, spread, "readout", results, 1100, group: true);
    }

    /// <summary>
    /// Differences as horizontal bars, one row per pair (A − B), P@20 and MRR@20 side by side. The whiskers reach
    /// <see cref="AblationDifference.ClearAt"/> standard errors either way: a bar whose whisker crosses 0 is not a
    /// clear difference. Clear differences are dark, suggestive ones light, the rest grey.
    /// </summary>
    /// <param name="differences">From <see cref="Compare(IReadOnlyList{AblationResult}, AblationVariant, IEnumerable{AblationVariant}, AblationNoise?)"/>.</param>
    /// <param name="title">Figure title.</param>
    public static GenericChart DifferenceChart(IReadOnlyList<AblationDifference> differences, string title = "Differences between models, in points")
    {
        ArgumentNullException.ThrowIfNull(differences);
        if (differences.Count == 0) throw new ArgumentException("No differences.", nameof(differences));
        var pairs = differences.Select(Pair).Distinct().ToList();
        var traces = new List<GenericChart>();
        foreach (var (metric, xAxis, yAxis) in new[] { (AblationMetric.HitRate20, "x", "y"), (AblationMetric.Mrr20, "x2", "y2") })
        {
            var rows = pairs.Select(p => differences.FirstOrDefault(d => d.Metric == metric && Pair(d) == p)).OfType<AblationDifference>().ToList();
            if (rows.Count == 0) continue;
            traces.Add(Trace("bar", ("orientation", "h"), ("y", rows.Select(Pair).ToArray()), ("x", rows.Select(d => d.Difference).ToArray()),
                ("xaxis", xAxis), ("yaxis", yAxis), ("showlegend", false),
                ("marker", Obj(("color", rows.Select(d => VerdictColor(d.Verdict)).ToArray()))),
                ("error_x", Obj(("type", "data"), ("array", rows.Select(d => double.IsNaN(d.StandardError) ? 0 : AblationDifference.ClearAt * d.StandardError).ToArray()),
                    ("color", "#333"), ("thickness", 1.5), ("width", 5))),
                ("text", rows.Select(d => Text(d.VerdictText)).ToArray()),
                ("customdata", rows.Select(d => double.IsNaN(d.Ratio) ? "–" : Math.Abs(d.Ratio).ToString("F1", CultureInfo.InvariantCulture)).ToArray()),
                ("hovertemplate", $"{Name(metric)}: %{{x:+.2f}} points (%{{customdata}} SE)<br>%{{text}}<extra>%{{y}}</extra>")));
        }
        var height = Math.Max(260, 110 + 34 * pairs.Count);
        return WithLayout(Plotly.NET.CSharp.Chart.Combine(traces),
            ("title", Obj(("text", $"{Text(title)}<br><sup>whiskers: ± {AblationDifference.ClearAt:0} standard errors; dark: clear, light: suggestive, grey: not distinguishable from noise</sup>"), ("x", 0.01))),
            ("width", 1100), ("height", height), ("bargap", 0.35),
            ("margin", Obj(("l", 260), ("r", 20), ("t", 80), ("b", 50))),
            ("xaxis", Obj(("domain", new[] { 0.0, 0.47 }), ("anchor", "y"), ("title", Obj(("text", "Δ P@20 (points)"))), ("zeroline", true), ("zerolinewidth", 2))),
            ("yaxis", Obj(("anchor", "x"), ("autorange", "reversed"), ("automargin", true))),
            ("xaxis2", Obj(("domain", new[] { 0.53, 1.0 }), ("anchor", "y2"), ("title", Obj(("text", "Δ MRR@20 (points)"))), ("zeroline", true), ("zerolinewidth", 2))),
            ("yaxis2", Obj(("anchor", "x2"), ("autorange", "reversed"), ("showticklabels", false))));
    }

    /// <summary>A table of every result: variant, readout, target attention, each seed's P@20 and MRR@20, the mean,
    /// and the command that trains the variant at full size.</summary>
    /// <param name="results">From <see cref="Run"/>.</param>
    /// <param name="fullSizeCommand">The command prefix shown for each variant (its options are appended).</param>
    public static HtmlFigure Table(IReadOnlyList<AblationResult> results, string fullSizeCommand = "tagnn train")
    {
        ArgumentNullException.ThrowIfNull(results);
        var seeds = results.Select(r => r.Seed).Distinct().ToList();
        var headers = new List<(string, bool)> { ("model", false), ("readout", false), ("target att.", false) };
        headers.AddRange(seeds.Select(s => ($"P@20 seed {s}", true)));
        headers.Add(("P@20 mean", true));
        headers.AddRange(seeds.Select(s => ($"MRR@20 seed {s}", true)));
        headers.Add(("MRR@20 mean", true));
        headers.Add(("full size", false));
        var table = new HtmlTable().Head(headers);
        foreach (var (variant, _, hit, mrr) in Summarize(results))
        {
            table.Row().Cell(variant.Name)
                .Cell(variant.Kind == ModelKind.SrGnn ? "L+Att (no softmax on α)" : variant.ReadoutName)
                .Cell(variant.TargetAttention ? "on" : "off");
            foreach (var s in seeds) table.Cell(Value(variant, s, r => r.HitRate20), number: true);
            table.Cell(F(hit.Mean), number: true, bold: true);
            foreach (var s in seeds) table.Cell(Value(variant, s, r => r.Mrr20), number: true);
            table.Cell(F(mrr.Mean), number: true, bold: true);
            table.Cell($"<code>{WebUtility.HtmlEncode($"{fullSizeCommand} {variant.CliArguments}")}</code>", raw: true);
        }
        return table.ToFigure($"readout ablation: {results.Count} runs");

        string Value(AblationVariant variant, long seed, Func<AblationResult, double> f) =>
            results.FirstOrDefault(r => r.Variant == variant && r.Seed == seed) is { } r ? F(f(r)) : "–";
    }

    /// <summary>The differences as a table: pair, metric, difference, its standard error, the ratio and the verdict.</summary>
    /// <param name="differences">The differences to list, in order.</param>
    public static HtmlFigure DifferenceTable(IReadOnlyList<AblationDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var table = new HtmlTable().Head([("A − B", false), ("metric", false), ("mean A", true), ("mean B", true),
            ("Δ", true), ("SE, pooled", true), ("SE, own", true), ("|Δ| / SE", true), ("verdict", false)]);
        foreach (var d in differences)
        {
            table.Row().Cell(Pair(d)).Cell(d.MetricName).Cell(F(d.MeanA), number: true).Cell(F(d.MeanB), number: true)
                .Cell(d.Difference.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture), number: true, bold: d.Verdict == AblationVerdict.Clear)
                .Cell(F(d.PooledError), number: true, bold: d.StandardError == d.PooledError && !double.IsNaN(d.StandardError))
                .Cell(F(d.OwnError), number: true, bold: d.StandardError == d.OwnError && !double.IsNaN(d.StandardError))
                .Cell(double.IsNaN(d.Ratio) ? "–" : Math.Abs(d.Ratio).ToString("F1", CultureInfo.InvariantCulture), number: true)
                .Cell(d.VerdictText, style: $"color:{VerdictColor(d.Verdict)}");
        }
        return table.ToFigure($"{differences.Count} differences",
            $"SE: the larger of the pooled and the pair's own standard error (in bold). Rule: clear at {AblationDifference.ClearAt:0} standard errors or more, suggestive from {AblationDifference.SuggestiveAt:0} to {AblationDifference.ClearAt:0}, below that not distinguishable from noise.");
    }

    private static GenericChart TwoPanels(List<GenericChart> traces, string title, string subtitle, string xTitle,
        IReadOnlyList<AblationResult> results, int width, bool group = false)
    {
        double[] Range(Func<AblationResult, double> f)
        {
            var (lo, hi) = (results.Min(f), results.Max(f));
            var pad = Math.Max(1, (hi - lo) * 0.35);
            return [Math.Floor(lo - 2.5 * pad), Math.Ceiling(hi + pad)];
        }
        return WithLayout(Plotly.NET.CSharp.Chart.Combine(traces),
            ("title", Obj(("text", $"{Text(title)}<br><sup>{subtitle}; the y axes do not start at 0</sup>"), ("x", 0.01))),
            ("width", width), ("height", 460), ("barmode", group ? "group" : null), ("bargap", 0.25),
            ("legend", Obj(("orientation", "h"), ("x", 0), ("y", -0.2))),
            ("margin", Obj(("l", 60), ("r", 20), ("t", 80), ("b", 100))),
            ("xaxis", Obj(("domain", new[] { 0.0, 0.47 }), ("anchor", "y"), ("title", Obj(("text", xTitle))))),
            ("yaxis", Obj(("anchor", "x"), ("title", Obj(("text", "P@20 (%)"))), ("range", Range(r => r.HitRate20)))),
            ("xaxis2", Obj(("domain", new[] { 0.53, 1.0 }), ("anchor", "y2"), ("title", Obj(("text", xTitle))))),
            ("yaxis2", Obj(("anchor", "x2"), ("title", Obj(("text", "MRR@20 (%)"))), ("range", Range(r => r.Mrr20)))));
    }

    private static string Pair(AblationDifference d) => $"{d.A.Name} − {d.B.Name}";

    private static string Name(AblationMetric metric) => metric == AblationMetric.HitRate20 ? "P@20" : "MRR@20";

    private static string VerdictColor(AblationVerdict verdict) => verdict switch
    {
        AblationVerdict.Clear => "#08519c",
        AblationVerdict.Suggestive => "#6baed6",
        _ => "#bdbdbd",
    };

    private static string F(double value) => double.IsNaN(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Category(AblationVariant variant) => variant.Kind == ModelKind.SrGnn ? "SR-GNN" : variant.ReadoutName;
}
