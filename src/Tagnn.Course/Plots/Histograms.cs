using System.Globalization;
using Plotly.NET;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>
/// Histograms: counts of whole-number values with their mean and median (session lengths, clicks per item), and
/// overlaid histograms of several samples (a GRU's gate values). Styled with <see cref="Plots.Style"/>.
/// </summary>
public static class Histograms
{
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
    public static GenericChart Counts(IEnumerable<long> values, string title, string xTitle, string yTitle = "count",
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
            Name: yTitle, MarkerColor: Color.fromHex(Palette.Category10[0]));
        var bottom = logY ? Math.Max(0.8, counts.Min(c => c.Count) * 0.8) : 0;
        GenericChart Marker(double x, string name, string color) => PlotlyChart.Line<double, double, string>(
            [x, x], [bottom, peak * 1.05], Name: name, LineColor: Color.fromHex(color), LineDash: StyleParam.DrawingStyle.Dash);
        var chart = PlotlyChart.Combine([bars,
            Marker(mean, $"mean {mean.ToString("0.00", CultureInfo.InvariantCulture)}", Palette.Category10[1]),
            Marker(median, $"median {median.ToString("0.#", CultureInfo.InvariantCulture)}", Palette.Category10[2])]);
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

    /// <summary>Histograms of several named samples on shared axes (e.g. the GRU's gate values).</summary>
    /// <param name="series">(name, sample) per histogram.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="bins">Largest number of bins.</param>
    /// <exception cref="ArgumentException">No series.</exception>
    public static GenericChart Overlaid(IEnumerable<(string Name, IEnumerable<double> Values)> series, string title,
        string xTitle = "", string yTitle = "count", int bins = 40)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var traces = series
            .Select(s => PlotlyChart.Histogram<double, double, string>(X: s.Values.ToArray(), Name: s.Name, Opacity: 0.75, NBinsX: bins))
            .ToList();
        if (traces.Count == 0) throw new ArgumentException("At least one series is needed.", nameof(series));
        return Plots.Style(traces.Count == 1 ? traces[0] : PlotlyChart.Combine(traces), title, xTitle, yTitle);
    }
}
