using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>
/// Small, consistently styled Plotly charts for the notebooks. Each returns a <see cref="GenericChart"/>: make it the
/// last expression of a cell to show it (the Plotly.NET.Interactive formatter renders it), or combine it further with
/// Plotly.NET.CSharp. Both Plotly.NET and Plotly.NET.CSharp define a <c>Chart</c> class; this file aliases the C# one
/// as <c>PlotlyChart</c>, and notebooks can do the same.
/// </summary>
public static class Plots
{
    /// <summary>Default chart width in pixels.</summary>
    public const int Width = 720;

    /// <summary>Default chart height in pixels.</summary>
    public const int Height = 420;

    /// <summary>A line chart of one series, <paramref name="y"/> against <paramref name="x"/> (0, 1, 2, ... if null).</summary>
    /// <param name="y">The values.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="x">X values (default: the index).</param>
    /// <param name="logY">Logarithmic y axis (losses, long tails).</param>
    public static GenericChart Line(IEnumerable<double> y, string title, string xTitle = "", string yTitle = "",
        IEnumerable<double>? x = null, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Lines([(title, x, y)], title, xTitle, yTitle, logY);
    }

    /// <summary>Several named line series on shared axes (e.g. train and test loss).</summary>
    /// <param name="series">(name, x or null for the index, y) per series.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="logY">Logarithmic y axis.</param>
    /// <exception cref="ArgumentException">No series, or a series whose x and y lengths differ.</exception>
    public static GenericChart Lines(IEnumerable<(string Name, IEnumerable<double>? X, IEnumerable<double> Y)> series,
        string title, string xTitle = "", string yTitle = "", bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var traces = new List<GenericChart>();
        foreach (var (name, xs, ys) in series)
        {
            var y = ys.ToArray();
            var x = xs?.ToArray() ?? Enumerable.Range(0, y.Length).Select(i => (double)i).ToArray();
            if (x.Length != y.Length)
                throw new ArgumentException($"Series '{name}' has {x.Length} x values but {y.Length} y values.", nameof(series));
            traces.Add(PlotlyChart.Line<double, double, string>(x, y, Name: name, ShowMarkers: y.Length <= 50));
        }
        if (traces.Count == 0) throw new ArgumentException("At least one series is needed.", nameof(series));
        var chart = traces.Count == 1 ? traces[0] : PlotlyChart.Combine(traces);
        return Style(chart, title, xTitle, yTitle, logY: logY);
    }

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
        var l = labels.ToArray();
        var v = values.ToArray();
        if (l.Length != v.Length)
            throw new ArgumentException($"{l.Length} labels but {v.Length} values.", nameof(values));
        return Style(PlotlyChart.Column<double, string, string>(v, Keys: l), title, xTitle, yTitle, logY: logY);
    }

    /// <summary>
    /// A heatmap of <paramref name="z"/> (rows drawn top to bottom, as a matrix is read), e.g. attention weights with
    /// candidates as rows and clicks as columns.
    /// </summary>
    /// <param name="z">Values, [row, column].</param>
    /// <param name="title">Chart title.</param>
    /// <param name="columnLabels">Column labels (x axis), or null for 0..n-1.</param>
    /// <param name="rowLabels">Row labels (y axis), or null for 0..m-1.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <exception cref="ArgumentException">A label list does not match the matrix size.</exception>
    public static GenericChart Heatmap(double[,] z, string title, IReadOnlyList<string>? columnLabels = null,
        IReadOnlyList<string>? rowLabels = null, string xTitle = "", string yTitle = "")
    {
        ArgumentNullException.ThrowIfNull(z);
        int rows = z.GetLength(0), cols = z.GetLength(1);
        var x = columnLabels ?? Enumerable.Range(0, cols).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var y = rowLabels ?? Enumerable.Range(0, rows).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (x.Count != cols) throw new ArgumentException($"{x.Count} column labels for {cols} columns.", nameof(columnLabels));
        if (y.Count != rows) throw new ArgumentException($"{y.Count} row labels for {rows} rows.", nameof(rowLabels));
        var matrix = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, cols).Select(c => z[r, c]).ToArray()).ToArray();
        var chart = PlotlyChart.Heatmap<double, string, string, string>(matrix, X: x.ToArray(), Y: y.ToArray(), ReverseYAxis: true);
        return Style(chart, title, xTitle, yTitle);
    }

    /// <summary>Applies the course's title, axis titles, size and optional log axes to any Plotly chart.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="logX">Logarithmic x axis.</param>
    /// <param name="logY">Logarithmic y axis.</param>
    /// <param name="width">Width in pixels (default <see cref="Width"/>).</param>
    /// <param name="height">Height in pixels (default <see cref="Height"/>).</param>
    public static GenericChart Style(GenericChart chart, string title, string xTitle = "", string yTitle = "",
        bool logX = false, bool logY = false, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var styled = Plotly.NET.Chart.withTitle(title, null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .WithSize(width, height);
        // Axis types are left to Plotly (categorical labels stay categorical) unless a log axis is asked for.
        if (logX) styled = styled.WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: StyleParam.AxisType.Log);
        if (logY) styled = styled.WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: StyleParam.AxisType.Log);
        return styled;
    }
}
