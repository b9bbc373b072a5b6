using System.Globalization;
using Plotly.NET;
using Tagnn.Data;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>
/// Charts and diagrams of click logs and of the preprocessing (notebooks 01 and 02): distributions, the popularity
/// long tail, ground-truth topics along sessions, the preprocessing funnel, the date split on a timeline, prefix
/// augmentation, and the dataset-statistics table.
/// </summary>
public static class DataPlots
{
    private static readonly string[] Colors =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>
    /// A histogram of whole-number values (one bar per value, e.g. session lengths), with the mean and the median
    /// marked by dashed lines.
    /// </summary>
    /// <param name="values">The values (e.g. one length per session).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title (what a value is).</param>
    /// <param name="yTitle">Y axis title (what is counted).</param>
    /// <param name="logY">Logarithmic y axis (to see the tail).</param>
    /// <param name="maxValue">Values above it are counted in one last bar labelled "max+" (default: no clipping).</param>
    /// <exception cref="ArgumentException">No values.</exception>
    public static GenericChart Histogram(IEnumerable<long> values, string title, string xTitle, string yTitle = "count",
        bool logY = false, long? maxValue = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var all = values.ToArray();
        if (all.Length == 0) throw new ArgumentException("No values to count.", nameof(values));
        Array.Sort(all);
        var mean = all.Average(v => (double)v);
        var median = all.Length % 2 == 1 ? all[all.Length / 2] : (all[all.Length / 2 - 1] + all[all.Length / 2]) / 2.0;
        var counts = all.GroupBy(v => maxValue is { } m && v > m ? m + 1 : v).OrderBy(g => g.Key)
            .Select(g => (Value: (double)g.Key, Count: (double)g.Count())).ToArray();
        var peak = counts.Max(c => c.Count);
        var bars = PlotlyChart.Column<double, double, string>(counts.Select(c => c.Count), Keys: counts.Select(c => c.Value).ToArray(),
            Name: yTitle, MarkerColor: Color.fromHex(Colors[0]));
        var bottom = logY ? Math.Max(0.8, counts.Min(c => c.Count) * 0.8) : 0;
        GenericChart Marker(double x, string name, string color) => PlotlyChart.Line<double, double, string>(
            [x, x], [bottom, peak * 1.05], Name: name, LineColor: Color.fromHex(color), LineDash: StyleParam.DrawingStyle.Dash);
        var chart = PlotlyChart.Combine([bars,
            Marker(mean, $"mean {mean.ToString("0.00", CultureInfo.InvariantCulture)}", Colors[1]),
            Marker(median, $"median {median.ToString("0.#", CultureInfo.InvariantCulture)}", Colors[2])]);
        if (maxValue is { } max)
        {
            chart = PlotlyExtras.SetLayout(chart, "xaxis", new Dictionary<string, object>
            {
                ["tickvals"] = new double[] { max + 1 },
                ["ticktext"] = new[] { $"> {max}" },
                ["tickmode"] = "auto",
            });
        }
        return Plots.Style(chart, title, xTitle, yTitle, logY: logY);
    }

    /// <summary>
    /// Rank against frequency on log-log axes (the long tail): the counts sorted in decreasing order, item of rank 1
    /// first. For comparison a dashed power law <c>c(r) = c(r0) (r / r0)^(-s)</c> of exponent
    /// <paramref name="referenceExponent"/> (Zipf's law: 1) goes through the item of the middle rank r0 = sqrt(n); a
    /// power law is a straight line of slope -s on these axes. Large inputs are thinned to about 600 log-spaced ranks
    /// for drawing.
    /// </summary>
    /// <param name="counts">One count per item (any order).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="referenceExponent">Exponent of the reference line; null draws none.</param>
    /// <exception cref="ArgumentException">No positive count.</exception>
    public static GenericChart RankFrequency(IEnumerable<long> counts, string title, string xTitle = "popularity rank r",
        string yTitle = "clicks c(r)", double? referenceExponent = 1.0)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var sorted = counts.Where(c => c > 0).OrderDescending().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("No positive counts.", nameof(counts));
        var ranks = ThinRanks(sorted.Length, 600);
        var traces = new List<GenericChart>
        {
            PlotlyChart.Point<double, double, string>(ranks.Select(r => (double)r), ranks.Select(r => (double)sorted[r - 1]),
                Name: "items", MarkerColor: Color.fromHex(Colors[0])),
        };
        if (referenceExponent is { } s && sorted.Length >= 2)
        {
            var r0 = Math.Max(1, (int)Math.Round(Math.Sqrt(sorted.Length)));
            var c0 = (double)sorted[r0 - 1];
            double At(double r) => c0 * Math.Pow(r / r0, -s);
            traces.Add(PlotlyChart.Line<double, double, string>([1.0, sorted.Length], [At(1), At(sorted.Length)],
                Name: $"power law, s = {s.ToString("0.##", CultureInfo.InvariantCulture)}",
                LineColor: Color.fromHex(Colors[1]), LineDash: StyleParam.DrawingStyle.Dash));
        }
        return Plots.Style(PlotlyChart.Combine(traces), title, xTitle, yTitle, logX: true, logY: true);
    }

    /// <summary>1..n, or about <paramref name="target"/> log-spaced ranks of 1..n (always including 1 and n).</summary>
    internal static int[] ThinRanks(int n, int target)
    {
        if (n <= target) return [.. Enumerable.Range(1, n)];
        var set = new SortedSet<int> { 1, n };
        for (var i = 0; i < target; i++) set.Add((int)Math.Round(Math.Exp(Math.Log(n) * i / (target - 1))));
        return [.. set.Where(r => r >= 1 && r <= n)];
    }

    /// <summary>
    /// Sessions as rows of coloured squares: row s shows the topic (a small whole number, e.g. the sample's planted
    /// topic 1..10) of each click of session s, left to right in click order. One colour per topic.
    /// </summary>
    /// <param name="topics">Per session, the topic of each click.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="rowLabels">A label per session (default: its index).</param>
    public static GenericChart TopicStrips(IReadOnlyList<IReadOnlyList<int>> topics, string title, IReadOnlyList<string>? rowLabels = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        rowLabels ??= [.. Enumerable.Range(0, topics.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        if (rowLabels.Count != topics.Count) throw new ArgumentException($"{rowLabels.Count} labels for {topics.Count} sessions.", nameof(rowLabels));
        var traces = new List<GenericChart>();
        foreach (var topic in topics.SelectMany(t => t).Distinct().Order())
        {
            var xs = new List<int>();
            var ys = new List<string>();
            for (var s = 0; s < topics.Count; s++)
            {
                for (var p = 0; p < topics[s].Count; p++)
                {
                    if (topics[s][p] != topic) continue;
                    xs.Add(p + 1);
                    ys.Add(rowLabels[s]);
                }
            }
            var color = Colors[((topic - 1) % Colors.Length + Colors.Length) % Colors.Length];
            var trace = PlotlyChart.Point<int, string, string>(xs, ys, Name: $"topic {topic}");
            traces.Add(PlotlyExtras.SetTrace(trace, "marker", new Dictionary<string, object>
            {
                ["size"] = 13, ["symbol"] = "square", ["color"] = color,
            }));
        }
        if (traces.Count == 0)
        {
            traces.Add(PlotlyChart.Point<int, string, string>(Array.Empty<int>(), Array.Empty<string>(), Name: "no session to show"));
            title += " (no session to show)";
        }
        var chart = PlotlyChart.Combine(traces);
        chart = PlotlyExtras.SetLayout(chart, "yaxis", new Dictionary<string, object>
        {
            ["type"] = "category", ["autorange"] = "reversed", ["categoryorder"] = "array", ["categoryarray"] = rowLabels.ToArray(),
        });
        var height = Math.Max(320, 22 * topics.Count + 140);
        return Plots.Style(chart, title, "click position in the session", "session", height: height);
    }

    /// <summary>
    /// A funnel per measure (clicks, sessions) of what is left after each preprocessing stage, each bar labelled with
    /// the count and its share of the first stage.
    /// </summary>
    /// <param name="stages">The stages, in order (e.g. <see cref="PreprocessStats.Steps"/> or
    /// <see cref="PreprocessingSteps.Count(string, IEnumerable{ClickSession})"/> rows).</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart Funnel(IReadOnlyList<StepCount> stages, string title = "What each preprocessing step leaves")
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0) throw new ArgumentException("No stages.", nameof(stages));
        var names = stages.Select(s => s.Step).ToArray();
        GenericChart One(IEnumerable<long> values, string name, string color)
        {
            var chart = PlotlyChart.Funnel<long, string, string>(values, names, Name: name, MarkerColor: Color.fromHex(color));
            chart = PlotlyExtras.SetTrace(chart, "texttemplate", "%{x:,} (%{percentInitial:.1%})");
            chart = PlotlyExtras.SetTrace(chart, "hovertemplate", "%{y}: %{x:,} left, %{percentInitial:.1%} of the log<extra></extra>");
            return PlotlyExtras.SetTrace(chart, "textposition", "inside");
        }
        var grid = PlotlyChart.Grid([One(stages.Select(s => s.Clicks), "clicks", Colors[0]), One(stages.Select(s => s.Sessions), "sessions", Colors[1])],
            1, 2, SubPlotTitles: new[] { "clicks", "sessions" }, Pattern: StyleParam.LayoutGridPattern.Coupled, XGap: 0.05);
        grid = PlotlyExtras.SetLayout(grid, "showlegend", false);
        grid = PlotlyExtras.SetLayout(grid, "margin", new Dictionary<string, object> { ["l"] = 320, ["r"] = 20, ["t"] = 80, ["b"] = 20 });
        return Plots.Style(grid, title, width: 860, height: 120 + 56 * stages.Count);
    }

    /// <summary>
    /// The date split on a timeline: sessions per day, stacked and coloured by where they go (train before the split
    /// date, dropped on it, test after it), with the split date marked.
    /// </summary>
    /// <param name="split">The split (<see cref="PreprocessingSteps.SplitByDate"/>).</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart SplitTimeline(DateSplit split, string title = "Sessions per day and the date split")
    {
        ArgumentNullException.ThrowIfNull(split);
        GenericChart Part(IEnumerable<ClickSession> sessions, string name, string color)
        {
            var perDay = sessions.GroupBy(s => s.Date.Date).OrderBy(g => g.Key).Select(g => (Day: g.Key, Count: g.Count())).ToArray();
            return PlotlyChart.Column<int, DateTime, string>(perDay.Select(d => d.Count), Keys: perDay.Select(d => d.Day).ToArray(),
                Name: name, MarkerColor: Color.fromHex(color));
        }
        var chart = PlotlyChart.Combine([
            Part(split.Train, $"train ({split.Train.Count:N0} sessions)", Colors[0]),
            Part(split.OnSplitDate, $"on the split date, dropped ({split.OnSplitDate.Count:N0})", Colors[3]),
            Part(split.Test, $"test ({split.Test.Count:N0})", Colors[1])]);
        chart = PlotlyExtras.SetLayout(chart, "barmode", "stack");
        chart = PlotlyExtras.SetLayout(chart, "bargap", 0.1);
        var splitText = split.SplitDate.ToString(split.SplitDate.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        chart = PlotlyExtras.SetLayout(chart, "annotations", new[]
        {
            new Dictionary<string, object>
            {
                ["x"] = split.SplitDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["y"] = 1.0, ["yref"] = "paper",
                ["text"] = $"split date {splitText}", ["showarrow"] = true, ["arrowhead"] = 2, ["ax"] = -70, ["ay"] = -22,
                ["bgcolor"] = "white",
            },
        });
        chart = PlotlyExtras.SetLayout(chart, "legend", new Dictionary<string, object>
        {
            ["orientation"] = "h", ["x"] = 0, ["y"] = -0.22, ["yanchor"] = "top", ["traceorder"] = "normal",
        });
        chart = PlotlyExtras.SetLayout(chart, "margin", new Dictionary<string, object> { ["t"] = 90, ["b"] = 120 });
        return Plots.Style(chart, title, "session date (the date of its last click)", "sessions", width: 820, height: 500);
    }

    /// <summary>
    /// Prefix augmentation drawn out: a session [v1..vk] on the first row, then its k - 1 examples, longest prefix
    /// first (the reference's order): the prefix in blue, the target (the next click) in orange, the clicks the
    /// example does not see as empty dashed boxes.
    /// </summary>
    /// <param name="session">The clicks, oldest first.</param>
    /// <param name="label">How to label an item (default: its id).</param>
    /// <param name="title">Title above the drawing.</param>
    /// <exception cref="ArgumentException">Fewer than two clicks (no example).</exception>
    public static HtmlFigure Augmentation(IReadOnlyList<int> session, Func<int, string>? label = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Count < 2) throw new ArgumentException("A session of fewer than two clicks gives no example.", nameof(session));
        label ??= i => i.ToString(CultureInfo.InvariantCulture);
        var examples = PreprocessingSteps.Prefixes(session);
        var k = session.Count;
        var box = Math.Clamp(560.0 / k - 6, 24, 40);
        const double gap = 6, left = 110, rowHeight = 40;
        var font = box >= 34 ? 13 : box >= 28 ? 11 : 9.5;
        var right = left + k * (box + gap) + 12;
        var width = Math.Max(right + 190, left + 540);
        var top = title is null ? 14.0 : 38.0;
        var height = top + (examples.Count + 1) * rowHeight + 26;
        var canvas = new SvgCanvas(width, height, (title is null ? "" : title + ": ") +
            $"a session of {k} clicks gives {examples.Count} examples, longest prefix first");
        if (title is not null) canvas.Text(10, 16, title, 14, anchor: "start", weight: "bold");
        double X(int p) => left + p * (box + gap);
        for (var p = 0; p < k; p++)
        {
            canvas.Rect(X(p), top, box, box - 8, "white", SvgCanvas.Ink);
            canvas.Text(X(p) + box / 2, top + (box - 8) / 2, label(session[p]), font, weight: "bold");
        }
        canvas.Text(10, top + (box - 8) / 2, "session", 12.5, anchor: "start", weight: "bold");
        canvas.Text(right, top + (box - 8) / 2, $"{k} clicks", 12, SvgCanvas.Muted, anchor: "start");
        canvas.Line(10, top + rowHeight - 4, right + 170, top + rowHeight - 4, SvgCanvas.Grey, 1);
        for (var e = 0; e < examples.Count; e++)
        {
            var y = top + (e + 1) * rowHeight + 6;
            var prefix = examples[e].Prefix.Length;
            canvas.Text(10, y + (box - 8) / 2, $"example {e + 1}", 12, anchor: "start");
            for (var p = 0; p < k; p++)
            {
                if (p < prefix)
                {
                    canvas.Rect(X(p), y, box, box - 8, SvgCanvas.LightBlue, SvgCanvas.Blue);
                    canvas.Text(X(p) + box / 2, y + (box - 8) / 2, label(session[p]), font);
                }
                else if (p == prefix)
                {
                    canvas.Rect(X(p), y, box, box - 8, SvgCanvas.LightOrange, SvgCanvas.Orange, strokeWidth: 2);
                    canvas.Text(X(p) + box / 2, y + (box - 8) / 2, label(session[p]), font, weight: "bold");
                }
                else
                {
                    canvas.Rect(X(p), y, box, box - 8, "white", SvgCanvas.Grey, dash: "3 3");
                }
            }
            canvas.Text(right, y + (box - 8) / 2, $"prefix of {prefix} → target {label(examples[e].Target)}", 12, SvgCanvas.Muted, anchor: "start");
        }
        var legendY = height - 12;
        canvas.Rect(left, legendY - 6, 12, 12, SvgCanvas.LightBlue, SvgCanvas.Blue, rx: 2).Text(left + 17, legendY, "prefix (the model's input)", 11, anchor: "start");
        canvas.Rect(left + 180, legendY - 6, 12, 12, SvgCanvas.LightOrange, SvgCanvas.Orange, rx: 2).Text(left + 197, legendY, "target (the next click)", 11, anchor: "start");
        canvas.Rect(left + 350, legendY - 6, 12, 12, "white", SvgCanvas.Grey, rx: 2, dash: "3 3").Text(left + 367, legendY, "not seen by this example", 11, anchor: "start");
        return canvas.ToFigure();
    }

    /// <summary>
    /// A dataset-statistics table in the papers' Table 1 style: one row per (dataset, source), "–" where a figure is not
    /// reported, the note in the last column.
    /// </summary>
    public static HtmlFigure StatisticsTable(IEnumerable<DatasetStatistics> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        static string N(long? v) => v is { } x ? x.ToString("N0", CultureInfo.InvariantCulture) : "–";
        var table = new HtmlTable(caption).Head(new[] { "dataset", "source", "clicks", "train examples", "test examples", "items", "avg. length", "note" }
            .Select(h => (h, h is not ("dataset" or "source" or "note"))));
        string? previous = null;
        foreach (var r in list)
        {
            table.Row(previous is not null && previous != r.Dataset ? "border-top:1px solid #bbb;" : null);   // a line between datasets
            previous = r.Dataset;
            table.Cell(r.Dataset).Cell(r.Source)
                .Cell(N(r.Clicks), number: true).Cell(N(r.TrainExamples), number: true).Cell(N(r.TestExamples), number: true)
                .Cell(N(r.Items), number: true)
                .Cell(r.AverageLength is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) : "–", number: true)
                .Cell(r.Note);
        }
        return table.ToFigure(caption ?? "dataset statistics");
    }
}
