using System.Globalization;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>
/// Point charts of click logs (notebook 01): the popularity long tail on log-log axes, and sessions as strips of
/// coloured squares, one colour per topic. Styled with <see cref="Plots.Style"/>.
/// </summary>
public static class ScatterCharts
{
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
                Name: "items", MarkerColor: Color.fromHex(Palette.Category10[0])),
        };
        if (referenceExponent is { } s && sorted.Length >= 2)
        {
            var r0 = Math.Max(1, (int)Math.Round(Math.Sqrt(sorted.Length)));
            var c0 = (double)sorted[r0 - 1];
            double At(double r) => c0 * Math.Pow(r / r0, -s);
            traces.Add(PlotlyChart.Line<double, double, string>([1.0, sorted.Length], [At(1), At(sorted.Length)],
                Name: $"power law, s = {s.ToString("0.##", CultureInfo.InvariantCulture)}",
                LineColor: Color.fromHex(Palette.Category10[1]), LineDash: StyleParam.DrawingStyle.Dash));
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
    /// <exception cref="ArgumentException">The number of labels is not the number of sessions.</exception>
    public static GenericChart TopicStrips(IReadOnlyList<IReadOnlyList<int>> topics, string title, IReadOnlyList<string>? rowLabels = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var labels = ChartLabels.Check(rowLabels, topics.Count, "session", nameof(rowLabels));
        var colors = Palette.Category10;
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
                    ys.Add(labels[s]);
                }
            }
            var color = colors[((topic - 1) % colors.Length + colors.Length) % colors.Length];
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
            ["type"] = "category", ["autorange"] = "reversed", ["categoryorder"] = "array", ["categoryarray"] = labels,
        });
        var height = Math.Max(320, 22 * topics.Count + 140);
        return Plots.Style(chart, title, "click position in the session", "session", height: height);
    }
}
