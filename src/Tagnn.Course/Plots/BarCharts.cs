using System.Globalization;
using Plotly.NET;
using Tagnn.Data;
using Tagnn.Evaluation;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>
/// Bar charts: labelled values, grouped or stacked series, the preprocessing funnel (notebook 02), sessions per day
/// split by date (notebook 02) and what the models recommend (notebook 07). Styled with <see cref="Plots.Style"/>.
/// </summary>
public static class BarCharts
{
    /// <summary>A vertical bar chart of labelled values.</summary>
    /// <param name="labels">One label per bar.</param>
    /// <param name="values">One value per bar.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="logY">Logarithmic y axis.</param>
    /// <exception cref="ArgumentException">Labels and values differ in length.</exception>
    public static GenericChart Bar(IEnumerable<string> labels, IEnumerable<double> values, string title,
        string xTitle = "", string yTitle = "", bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        var v = values.ToArray();
        var l = ChartLabels.Check([.. labels], v.Length, "bar", nameof(labels));
        return Plots.Style(PlotlyChart.Column<double, string, string>(v, Keys: l), title, xTitle, yTitle, logY: logY);
    }

    /// <summary>Columns of several named series over shared labels, side by side or stacked.</summary>
    /// <param name="labels">One label per group of columns (x axis).</param>
    /// <param name="series">(name, one value per label) per series.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="stacked">Stack the series (e.g. shares that add up to 1) instead of grouping them.</param>
    /// <param name="logY">Logarithmic y axis.</param>
    /// <exception cref="ArgumentException">No series, or a series whose length differs from the labels'.</exception>
    public static GenericChart Columns(IReadOnlyList<string> labels, IEnumerable<(string Name, IEnumerable<double> Values)> series,
        string title, string xTitle = "", string yTitle = "", bool stacked = false, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var traces = new List<GenericChart>();
        foreach (var (name, values) in series)
        {
            var v = values.ToArray();
            if (v.Length != labels.Count)
                throw new ArgumentException($"Series '{name}' has {v.Length} values for {labels.Count} labels.", nameof(series));
            traces.Add(stacked
                ? PlotlyChart.StackedColumn<double, string, string>(v, Keys: labels.ToArray(), Name: name)
                : PlotlyChart.Column<double, string, string>(v, Keys: labels.ToArray(), Name: name));
        }
        if (traces.Count == 0) throw new ArgumentException("At least one series is needed.", nameof(series));
        return Plots.Style(PlotlyChart.Combine(traces), title, xTitle, yTitle, logY: logY);
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
        var grid = PlotlyChart.Grid(
            [One(stages.Select(s => s.Clicks), "clicks", Palette.Category10[0]), One(stages.Select(s => s.Sessions), "sessions", Palette.Category10[1])],
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
            Part(split.Train, $"train ({split.Train.Count:N0} sessions)", Palette.Category10[0]),
            Part(split.OnSplitDate, $"on the split date, dropped ({split.OnSplitDate.Count:N0})", Palette.Category10[3]),
            Part(split.Test, $"test ({split.Test.Count:N0})", Palette.Category10[1])]);
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
    /// A results table beside the TAGNN paper's Table 1 (notebook 08): P@20 above, MRR@20 below, one group per model in
    /// table order with our value and, for the paper's methods, the paper's values on Diginetica and Yoochoose 1/64 (its
    /// Table 1); the four models the paper does not have get our bar only.
    /// </summary>
    /// <param name="rows">The models (<see cref="Table1Comparison.Rows"/>); those without a value are left out.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="ours">The legend of our bars (e.g. "bundled sample (synthetic)").</param>
    public static GenericChart Table1(IReadOnlyList<Table1ComparisonRow> rows, string title, string ours = "this table")
    {
        ArgumentNullException.ThrowIfNull(rows);
        var shown = rows.Where(r => r.P20 is not null && r.Mrr20 is not null).ToList();
        if (shown.Count == 0) throw new ArgumentException("No row with values.", nameof(rows));
        string[] series = [ours, $"paper, {PublishedResults.Diginetica}", $"paper, {PublishedResults.Yoochoose64}"];
        GenericChart Panel(string metric, bool legend)
        {
            GenericChart Trace(int k, IEnumerable<(string Title, double Value)> points)
            {
                var p = points.ToList();
                var chart = PlotlyChart.Column<double, string, string>(p.Select(x => x.Value), Keys: p.Select(x => x.Title).ToArray(),
                    Name: series[k], ShowLegend: legend, MarkerColor: Color.fromHex(Palette.Category10[k == 0 ? 0 : k + 6]));
                return PlotlyExtras.SetTrace(chart, "legendgroup", series[k]);
            }
            return PlotlyChart.Combine(
            [
                Trace(0, shown.Select(r => (r.Title, r.Ours(metric)!.Value))),
                Trace(1, shown.Where(r => r.Paper(PublishedResults.Diginetica, metric) is not null)
                    .Select(r => (r.Title, r.Paper(PublishedResults.Diginetica, metric)!.Value))),
                Trace(2, shown.Where(r => r.Paper(PublishedResults.Yoochoose64, metric) is not null)
                    .Select(r => (r.Title, r.Paper(PublishedResults.Yoochoose64, metric)!.Value))),
            ]);
        }
        var grid = PlotlyChart.Grid([Panel(PublishedResults.P20, true), Panel(PublishedResults.Mrr20, false)], 2, 1,
            SubPlotTitles: new[] { "P@20 (%)", "MRR@20 (%)" }, YGap: 0.18);
        grid = Plots.Style(grid, title, width: 900, height: 640);
        grid = PlotlyExtras.SetLayout(grid, "legend", new Dictionary<string, object> { ["orientation"] = "h", ["x"] = 0, ["y"] = -0.12, ["yanchor"] = "top" });
        return PlotlyExtras.SetLayout(grid, "margin", new Dictionary<string, object> { ["b"] = 120 });
    }
}
