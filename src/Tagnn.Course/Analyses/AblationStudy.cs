using System.Globalization;
using System.Net;
using Plotly.NET;
using Tagnn.Model;
using Tagnn.Training;
using static Tagnn.Course.PlotlyExtras;

namespace Tagnn.Course;

/// <summary>
/// The readout ablation of notebook 09: trains each variant of the TAGNN paper's Figure 2 (local only, average
/// pooling, attentive global, local + attentive global), with and without target attention, plus SR-GNN, on the
/// bundled sample with a short, fixed budget and several seeds, and draws P@20 and MRR@20 as grouped bars with the
/// seeds' spread. Runs are cached by <see cref="CourseModels"/>, so a second run of the notebook trains nothing.
/// </summary>
public static class AblationStudy
{
    /// <summary>The nine models: four readouts with target attention, the same four without, and SR-GNN.</summary>
    public static IReadOnlyList<AblationVariant> Figure2Variants { get; } =
    [
        new("TAGNN-L", ModelKind.Tagnn, ReadoutKind.Local, true),
        new("TAGNN-Avg", ModelKind.Tagnn, ReadoutKind.Average, true),
        new("TAGNN-Att", ModelKind.Tagnn, ReadoutKind.Attentive, true),
        new("TAGNN-L+Att (TAGNN)", ModelKind.Tagnn, ReadoutKind.LocalAttentive, true),
        new("L, no target", ModelKind.Tagnn, ReadoutKind.Local, false),
        new("Avg, no target", ModelKind.Tagnn, ReadoutKind.Average, false),
        new("Att, no target", ModelKind.Tagnn, ReadoutKind.Attentive, false),
        new("L+Att, no target", ModelKind.Tagnn, ReadoutKind.LocalAttentive, false),
        new("SR-GNN", ModelKind.SrGnn, ReadoutKind.LocalAttentive, false),
    ];

    /// <summary>
    /// The study's training budget. Full mode: one epoch on the first 27,000 of the sample's 53,863 training
    /// examples at five times the reference's learning rate (5e-3), the rest as the reference (batch 100, Adam,
    /// weight decay 1e-5), evaluated on the whole test set: about as good as the reference's two epochs for TAGNN,
    /// in a fraction of the time. Smoke mode: 600 training and 300 test examples.
    /// </summary>
    public static TrainingOptions Options => Course.Smoke
        ? new TrainingOptions { Epochs = 1, LearningRate = 5e-3, MaxTrainExamples = 600, MaxTestExamples = 300 }
        : new TrainingOptions { Epochs = 1, LearningRate = 5e-3, MaxTrainExamples = 27_000 };

    /// <summary>The seeds: two in full mode (to see the spread), one in smoke mode.</summary>
    public static IReadOnlyList<long> Seeds => Course.Smoke ? [2020] : [2020, 2021];

    /// <summary>
    /// Trains (or finds cached) every variant with every seed, in that order, and returns their test metrics.
    /// </summary>
    /// <param name="variants">The variants (default: <see cref="Figure2Variants"/>).</param>
    /// <param name="seeds">The seeds (default: <see cref="Seeds"/>).</param>
    /// <param name="options">The budget (default: <see cref="Options"/>); its seed is replaced by each seed.</param>
    /// <param name="completed">Called after each run (e.g. to print a line).</param>
    public static IReadOnlyList<AblationResult> Run(IEnumerable<AblationVariant>? variants = null, IEnumerable<long>? seeds = null,
        TrainingOptions? options = null, Action<AblationResult>? completed = null)
    {
        var list = (variants ?? Figure2Variants).ToList();
        var seedList = (seeds ?? Seeds).ToList();
        if (list.Count == 0) throw new ArgumentException("At least one variant is needed.", nameof(variants));
        if (seedList.Count == 0) throw new ArgumentException("At least one seed is needed.", nameof(seeds));
        options ??= Options;
        var itemTableSize = Tagnn.Data.SampleData.LoadPrepared().ItemTableSize;
        var results = new List<AblationResult>();
        foreach (var seed in seedList)
        {
            foreach (var variant in list)
            {
                var run = CourseModels.Trained(variant.Config(itemTableSize), options with { Seed = seed }, baselines: false);
                var summary = run.ReadSummary() ?? throw new InvalidOperationException($"The run {run.Directory} has no summary.");
                var result = new AblationResult(variant, seed, summary.HitRate20, summary.Mrr20, summary.Timings.TrainSeconds, run.Directory);
                results.Add(result);
                completed?.Invoke(result);
            }
        }
        return results;
    }

    /// <summary>Per variant (in first-seen order): the mean, smallest and largest P@20 and MRR@20 over the seeds.</summary>
    public static IReadOnlyList<(AblationVariant Variant, int Seeds, (double Mean, double Min, double Max) HitRate20, (double Mean, double Min, double Max) Mrr20)>
        Summarize(IEnumerable<AblationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.GroupBy(r => r.Variant).Select(g => (g.Key, g.Count(),
            (g.Average(r => r.HitRate20), g.Min(r => r.HitRate20), g.Max(r => r.HitRate20)),
            (g.Average(r => r.Mrr20), g.Min(r => r.Mrr20), g.Max(r => r.Mrr20))))];
    }

    /// <summary>
    /// P@20 and MRR@20 side by side as grouped bars: one group per readout (L, Avg, Att, L+Att) with target attention
    /// (blue) and without (orange), and SR-GNN (grey). A bar is the mean over the seeds; its error bar spans the
    /// smallest to the largest seed. The y axes do not start at 0 (the differences are a few points).
    /// </summary>
    /// <param name="results">From <see cref="Run"/>.</param>
    /// <param name="title">Figure title.</param>
    public static GenericChart Chart(IReadOnlyList<AblationResult> results, string title = "Readout ablation on the sample")
    {
        ArgumentNullException.ThrowIfNull(results);
        var summary = Summarize(results);
        if (summary.Count == 0) throw new ArgumentException("No results.", nameof(results));
        var traces = new List<GenericChart>();
        foreach (var (metric, xAxis, yAxis) in new[] { ("P@20", "x", "y"), ("MRR@20", "x2", "y2") })
        {
            foreach (var (withTarget, name, color) in new[] { (true, "with target attention", "#1f77b4"), (false, "without target attention", "#ff7f0e") })
            {
                var rows = summary.Where(s => s.Variant.TargetAttention == withTarget).ToList();
                if (rows.Count == 0) continue;
                var stats = rows.Select(s => metric == "P@20" ? s.HitRate20 : s.Mrr20).ToArray();
                traces.Add(Trace("bar", ("name", name), ("legendgroup", name), ("showlegend", xAxis == "x"),
                    ("x", rows.Select(s => Category(s.Variant)).ToArray()), ("y", stats.Select(s => s.Mean).ToArray()),
                    ("xaxis", xAxis), ("yaxis", yAxis), ("offsetgroup", withTarget ? "target" : "plain"),
                    ("marker", Obj(("color", rows.Select(s => s.Variant.Kind == ModelKind.SrGnn ? "#7f7f7f" : color).ToArray()))),
                    ("error_y", Obj(("type", "data"), ("symmetric", false), ("array", stats.Select(s => s.Max - s.Mean).ToArray()),
                        ("arrayminus", stats.Select(s => s.Mean - s.Min).ToArray()), ("color", "#333"), ("thickness", 1.5), ("width", 5))),
                    ("texttemplate", "%{y:.1f}"), ("textposition", "inside"), ("insidetextanchor", "start"), ("textfont", Obj(("color", "white"))),
                    ("hovertemplate", metric + " %{y:.2f}<extra>%{x}</extra>")));
            }
        }
        var chart = Plotly.NET.CSharp.Chart.Combine(traces);
        double[] Range(Func<AblationResult, double> f)
        {
            var (lo, hi) = (results.Min(f), results.Max(f));
            var pad = Math.Max(1, (hi - lo) * 0.35);
            return [Math.Floor(lo - 2.5 * pad), Math.Ceiling(hi + pad)];
        }
        var seeds = results.Select(r => r.Seed).Distinct().Count();
        var spread = seeds > 1 ? $"bars: mean of {seeds} seeds, whiskers: smallest to largest seed" : "one seed";
        return WithLayout(chart,
            ("title", Obj(("text", $"{WebUtility.HtmlEncode(title)}<br><sup>{spread}; the y axes do not start at 0</sup>"), ("x", 0.01))),
            ("width", 1100), ("height", 460), ("barmode", "group"), ("bargap", 0.25),
            ("legend", Obj(("orientation", "h"), ("x", 0), ("y", -0.18))),
            ("margin", Obj(("l", 60), ("r", 20), ("t", 80), ("b", 90))),
            ("xaxis", Obj(("domain", new[] { 0.0, 0.47 }), ("anchor", "y"), ("title", Obj(("text", "readout"))))),
            ("yaxis", Obj(("anchor", "x"), ("title", Obj(("text", "P@20 (%)"))), ("range", Range(r => r.HitRate20)))),
            ("xaxis2", Obj(("domain", new[] { 0.53, 1.0 }), ("anchor", "y2"), ("title", Obj(("text", "readout"))))),
            ("yaxis2", Obj(("anchor", "x2"), ("title", Obj(("text", "MRR@20 (%)"))), ("range", Range(r => r.Mrr20)))));
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
            table.Cell(hit.Mean.ToString("F2", CultureInfo.InvariantCulture), number: true, bold: true);
            foreach (var s in seeds) table.Cell(Value(variant, s, r => r.Mrr20), number: true);
            table.Cell(mrr.Mean.ToString("F2", CultureInfo.InvariantCulture), number: true, bold: true);
            table.Cell($"<code>{WebUtility.HtmlEncode($"{fullSizeCommand} {variant.CliArguments}")}</code>", raw: true);
        }
        return table.ToFigure($"readout ablation: {results.Count} runs");

        string Value(AblationVariant variant, long seed, Func<AblationResult, double> f) =>
            results.FirstOrDefault(r => r.Variant == variant && r.Seed == seed) is { } r ? f(r).ToString("F2", CultureInfo.InvariantCulture) : "–";
    }

    private static string Category(AblationVariant variant) => variant.Kind == ModelKind.SrGnn ? "SR-GNN" : variant.ReadoutName;
}
