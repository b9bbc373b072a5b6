using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>One ranked list of a worked metrics example: a session's items as a model ranked them, and the item the
/// user clicked next.</summary>
/// <param name="Name">A label for the row (e.g. "session A").</param>
/// <param name="Ranking">Item ids, best first (at least as long as the cut-off, or the whole catalogue).</param>
/// <param name="Target">The clicked item.</param>
public sealed record RankedExample(string Name, IReadOnlyList<int> Ranking, int Target)
{
    /// <summary>The target's 1-based rank in <see cref="Ranking"/>, or null when it is not in the list.</summary>
    public int? Rank => Ranking.IndexOf(Target) is var i and >= 0 ? i + 1 : null;
}

file static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<int> list, int value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}

/// <summary>
/// Pictures and tables of evaluation (notebook 07): ranked lists with their target, a Table-1-style results table,
/// what the models recommend (coverage, popularity) and the two model-selection protocols side by side.
/// </summary>
public static class EvaluationPlots
{
    private const string ValidationColor = "#1f77b4", TestColor = "#d62728";

    /// <summary>
    /// Ranked lists drawn as rows of item boxes, the target highlighted: the top <paramref name="k"/> of each list,
    /// and, when the target ranks lower, where it is. The rank of the target is printed at the end of each row.
    /// </summary>
    /// <param name="examples">The lists.</param>
    /// <param name="k">The cut-off: boxes drawn per row.</param>
    /// <param name="label">How to print an item (default <c>v{id}</c>).</param>
    /// <param name="title">A title above the rows, or null.</param>
    /// <exception cref="ArgumentException">No list, or a list shorter than <paramref name="k"/>.</exception>
    public static HtmlFigure RankedLists(IReadOnlyList<RankedExample> examples, int k, Func<int, string>? label = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (examples.Count == 0) throw new ArgumentException("No ranked list.", nameof(examples));
        foreach (var e in examples)
            if (e.Ranking.Count < k) throw new ArgumentException($"'{e.Name}' ranks {e.Ranking.Count} items, fewer than k = {k}.", nameof(examples));
        label ??= id => $"v{id}";
        const double nameWidth = 96, box = 46, gap = 6, rowHeight = 40, top = 30;
        var outside = 150.0;
        var width = nameWidth + k * (box + gap) + outside + 90;
        var height = top + examples.Count * rowHeight + 28;
        var canvas = new SvgCanvas(width, height, title ?? $"{examples.Count} ranked lists, top {k}, target highlighted");
        if (title is not null) canvas.Text(0, 10, title, 13, anchor: "start", weight: "bold");
        for (var i = 0; i < k; i++) canvas.Text(nameWidth + i * (box + gap) + box / 2, top - 8, (i + 1).ToString(CultureInfo.InvariantCulture), 10, SvgCanvas.Muted);
        canvas.Text(nameWidth + k * (box + gap) + outside + 45, top - 8, "target's rank", 10, SvgCanvas.Muted);
        for (var r = 0; r < examples.Count; r++)
        {
            var e = examples[r];
            var y = top + r * rowHeight;
            canvas.Text(0, y + 16, e.Name, 12, anchor: "start");
            for (var i = 0; i < k; i++)
            {
                var x = nameWidth + i * (box + gap);
                var isTarget = e.Ranking[i] == e.Target;
                canvas.Rect(x, y, box, 32, isTarget ? SvgCanvas.Orange : SvgCanvas.LightBlue, isTarget ? SvgCanvas.Orange : SvgCanvas.Blue);
                canvas.Text(x + box / 2, y + 16, label(e.Ranking[i]), 11, isTarget ? "white" : SvgCanvas.Ink, weight: isTarget ? "bold" : "normal");
            }
            var rank = e.Rank;
            var after = nameWidth + k * (box + gap);
            canvas.Line(after - gap / 2, y - 4, after - gap / 2, y + 36, SvgCanvas.Muted, 1, dash: "4 3");
            if (rank is { } rr && rr > k)
            {
                canvas.Text(after + 8, y + 16, "…", 12, SvgCanvas.Muted, anchor: "start");
                canvas.Rect(after + 26, y, box, 32, "white", SvgCanvas.Orange, dash: "4 3");
                canvas.Text(after + 26 + box / 2, y + 16, label(e.Target), 11, SvgCanvas.Orange, weight: "bold");
                canvas.Text(after + 26 + box + 8, y + 16, "outside the top " + k.ToString(CultureInfo.InvariantCulture), 10, SvgCanvas.Muted, anchor: "start");
            }
            canvas.Text(after + outside + 45, y + 16, rank is { } x2 ? x2.ToString(CultureInfo.InvariantCulture) : "not ranked", 13,
                rank is { } x3 && x3 <= k ? SvgCanvas.Ink : SvgCanvas.Muted, weight: "bold");
        }
        canvas.Text(nameWidth + k * (box + gap) / 2, height - 10, $"top {k} (cut-off K = {k})", 11, SvgCanvas.Muted);
        return canvas.ToFigure();
    }

    /// <summary>
    /// A results table in the style of the papers' Table 1: one row per model with P@20, MRR@20, NDCG@20 (the best of
    /// each column in bold), catalogue coverage@20 and the mean training popularity of the recommended items, and a
    /// note on how each row was obtained.
    /// </summary>
    /// <param name="rows">The rows, in display order.</param>
    /// <param name="caption">A caption (say which data and which protocol).</param>
    /// <exception cref="ArgumentException">No row.</exception>
    public static HtmlFigure ResultsTable(IReadOnlyList<ResultRow> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("No row.", nameof(rows));
        (string Head, Func<ResultRow, double> Value, string Format, bool Bold)[] columns =
        [
            ("P@20", r => r.HitRate20, "0.00", true),
            ("MRR@20", r => r.Mrr20, "0.00", true),
            ("NDCG@20", r => r["ndcg@20"], "0.00", true),
            ("coverage@20", r => r["coverage@20"], "0.0", false),
            ("popularity@20", r => r["popularity@20"], "N0", false),
        ];
        var best = columns.Select(c => rows.Select(c.Value).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max()).ToArray();
        var table = new HtmlTable(caption).Head([("model", false), .. columns.Select(c => (c.Head, true)), ("how", false)]);
        foreach (var r in rows)
        {
            table.Row("border-bottom:1px solid #e4e4e4").Cell(r.Model);
            for (var i = 0; i < columns.Length; i++)
            {
                var v = columns[i].Value(r);
                var text = double.IsNaN(v) ? "–" : v.ToString(columns[i].Format, CultureInfo.InvariantCulture);
                table.Cell(text, number: true, bold: columns[i].Bold && !double.IsNaN(v) && v == best[i]);
            }
            table.Cell(r.Note, style: "color:#555");
        }
        return table.ToFigure(caption ?? "results",
            "percent, except popularity@20: the mean number of training clicks of the recommended items; bold = best of the column");
    }

    /// <summary>
    /// What the models recommend: catalogue coverage@20 (share of all items that appear in some top-20 list) and the
    /// mean training popularity of the recommended items, one bar per model in two panels.
    /// </summary>
    /// <param name="rows">The models.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart Recommendations(IReadOnlyList<ResultRow> rows, string title = "What the models recommend (top 20)")
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("No row.", nameof(rows));
        var names = rows.Select(r => r.Model).ToArray();
        var coverage = PlotlyChart.Column<double, string, string>(rows.Select(r => r["coverage@20"]), Keys: names, Name: "coverage@20",
            MarkerColor: Color.fromHex("#2ca02c"));
        var popularity = PlotlyChart.Column<double, string, string>(rows.Select(r => r["popularity@20"]), Keys: names, Name: "popularity@20",
            MarkerColor: Color.fromHex("#9467bd"));
        coverage = PlotlyExtras.SetTrace(coverage, "texttemplate", "%{y:.1f}%");
        popularity = PlotlyExtras.SetTrace(popularity, "texttemplate", "%{y:,.0f}");
        var grid = PlotlyChart.Grid([coverage, popularity], 1, 2,
            SubPlotTitles: new[] { "coverage@20 (% of all items)", "popularity@20 (mean training clicks)" },
            XGap: 0.15);
        grid = PlotlyExtras.SetLayout(grid, "showlegend", false);
        return Plots.Style(grid, title, width: 820, height: 420);
    }

    /// <summary>
    /// The two protocols on one run: per epoch, validation and test P@20 (left) and MRR@20 (right); the test numbers
    /// the reference protocol reports (best of each, possibly from different epochs) and the epoch the validation set
    /// chose are marked.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart Selection(SelectionStudy study, string title = "Choosing the epoch: on the test set, or on validation sessions")
    {
        ArgumentNullException.ThrowIfNull(study);
        var x = study.Epochs.Select(e => (double)e.Epoch).ToArray();
        GenericChart Panel(string metric, Func<Evaluation.MetricsReport, double> value, int referenceEpoch, bool legend)
        {
            var validation = PlotlyChart.Line<double, double, string>(x, study.Epochs.Select(e => value(e.Validation)), Name: "validation sessions",
                ShowMarkers: true, ShowLegend: legend, LineColor: Color.fromHex(ValidationColor), MarkerColor: Color.fromHex(ValidationColor));
            var test = PlotlyChart.Line<double, double, string>(x, study.Epochs.Select(e => value(e.Test)), Name: "test set",
                ShowMarkers: true, ShowLegend: legend, LineColor: Color.fromHex(TestColor), MarkerColor: Color.fromHex(TestColor));
            var reference = PlotlyChart.Point<double, double, string>([referenceEpoch], [value(study.Epochs[referenceEpoch].Test)],
                Name: "reference protocol reports (best test value)", ShowLegend: legend);
            reference = PlotlyExtras.SetTrace(reference, "marker", new Dictionary<string, object>
            {
                ["symbol"] = "star", ["size"] = 18, ["color"] = "#ffbf00", ["line"] = new Dictionary<string, object> { ["color"] = "#333", ["width"] = 1 },
            });
            var chosen = PlotlyChart.Point<double, double, string>([study.ValidationEpoch], [value(study.Epochs[study.ValidationEpoch].Test)],
                Name: "validation protocol reports (test at the validation's epoch)", ShowLegend: legend);
            chosen = PlotlyExtras.SetTrace(chosen, "marker", new Dictionary<string, object>
            {
                ["symbol"] = "circle-open", ["size"] = 22, ["color"] = "#333", ["line"] = new Dictionary<string, object> { ["width"] = 2 },
            });
            return PlotlyChart.Combine([validation, test, reference, chosen]);
        }
        var grid = PlotlyChart.Grid(
            [Panel("P@20", m => m[20].HitRate, study.ReferenceHitRateEpoch, true), Panel("MRR@20", m => m[20].Mrr, study.ReferenceMrrEpoch, false)],
            1, 2, SubPlotTitles: new[] { "P@20 (%)", "MRR@20 (%)" }, XGap: 0.12);
        grid = Plots.Style(grid, title, width: 820, height: 480);
        foreach (var axis in new[] { "xaxis", "xaxis2" })
            grid = PlotlyExtras.SetLayout(grid, axis, new Dictionary<string, object> { ["dtick"] = 1, ["title"] = new Dictionary<string, object> { ["text"] = "epoch" } });
        grid = PlotlyExtras.SetLayout(grid, "legend", new Dictionary<string, object> { ["orientation"] = "h", ["x"] = 0, ["y"] = -0.22, ["yanchor"] = "top" });
        return PlotlyExtras.SetLayout(grid, "margin", new Dictionary<string, object> { ["b"] = 130 });
    }
}
