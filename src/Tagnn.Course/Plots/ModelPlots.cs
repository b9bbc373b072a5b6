using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>
/// Charts of the model notebooks (04 gated graph network, 05 target attention): heatmaps that print their values,
/// grouped or stacked columns, and histograms. Styled like <see cref="Plots"/> (same size, titles, fonts).
/// </summary>
public static class ModelPlots
{
    // Light to mid colours (ColorBrewer OrRd), so that the black value labels stay readable on every cell.
    private static readonly StyleParam.Colorscale LightScale = StyleParam.Colorscale.NewCustom(
    [
        Tuple.Create(0.0, Color.fromHex("#fff7ec")),
        Tuple.Create(0.5, Color.fromHex("#fdbb84")),
        Tuple.Create(1.0, Color.fromHex("#e34a33")),
    ]);

    /// <summary>
    /// A heatmap that prints every cell's value (rows top to bottom, as a matrix reads), e.g. how much each node of
    /// a session graph changes after 1, 2, 3 propagation steps.
    /// </summary>
    /// <param name="values">Values, [row, column].</param>
    /// <param name="title">Chart title.</param>
    /// <param name="columnLabels">Column labels (x axis), or null for 0..n-1.</param>
    /// <param name="rowLabels">Row labels (y axis), or null for 0..m-1.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="format">.NET format of the printed values (invariant culture), e.g. <c>0.00</c> or <c>0.0e0</c>.</param>
    /// <param name="logColor">Colour by log10 of the value (values spanning orders of magnitude); cells &lt;= 0 are
    /// left blank (their printed value stays).</param>
    /// <param name="height">Height in pixels (default <see cref="Plots.Height"/>).</param>
    /// <exception cref="ArgumentException">A label list does not match the matrix size.</exception>
    public static GenericChart ValueHeatmap(double[,] values, string title, IReadOnlyList<string>? columnLabels = null,
        IReadOnlyList<string>? rowLabels = null, string xTitle = "", string yTitle = "", string format = "0.00",
        bool logColor = false, int height = Plots.Height)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var x = Labels(columnLabels, cols, nameof(columnLabels), "column");
        var y = Labels(rowLabels, rows, nameof(rowLabels), "row");
        var z = new double[rows][];
        var text = new string[rows][];
        for (var r = 0; r < rows; r++)
        {
            z[r] = new double[cols];
            text[r] = new string[cols];
            for (var c = 0; c < cols; c++)
            {
                var v = values[r, c];
                z[r][c] = !logColor ? v : v > 0 ? Math.Log10(v) : double.NaN;
                text[r][c] = v.ToString(format, CultureInfo.InvariantCulture);
            }
        }
        var chart = PlotlyChart.AnnotatedHeatmap<double, string, string, string>(z, text, X: x, Y: y,
            ColorScale: LightScale, ReverseYAxis: true);
        return Plots.Style(chart, logColor ? $"{title} (colour: log10)" : title, xTitle, yTitle, height: height);
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

    /// <summary>Histograms of several named samples on shared axes (e.g. the GRU's gate values).</summary>
    /// <param name="series">(name, sample) per histogram.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="bins">Largest number of bins.</param>
    /// <exception cref="ArgumentException">No series.</exception>
    public static GenericChart Histograms(IEnumerable<(string Name, IEnumerable<double> Values)> series, string title,
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

    private static string[] Labels(IReadOnlyList<string>? labels, int count, string parameter, string what)
    {
        if (labels is null) return Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (labels.Count != count) throw new ArgumentException($"{labels.Count} {what} labels for {count} {what}s.", parameter);
        return labels.ToArray();
    }
}
