using System.Globalization;
using Plotly.NET;
using Tagnn.Graphs;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>
/// Heatmaps of matrices, rows drawn top to bottom as a matrix is read: a plain colour map (attention weights,
/// similarities), one that prints every cell's value (notebooks 04 and 05), and a session graph's normalised adjacency
/// (notebook 03). Styled with <see cref="Plots.Style"/>.
/// </summary>
public static class Heatmaps
{
    // Light to mid colours (ColorBrewer OrRd), so that the black value labels stay readable on every cell.
    private static readonly StyleParam.Colorscale LightScale = StyleParam.Colorscale.NewCustom(
    [
        Tuple.Create(0.0, Color.fromHex("#fff7ec")),
        Tuple.Create(0.5, Color.fromHex("#fdbb84")),
        Tuple.Create(1.0, Color.fromHex("#e34a33")),
    ]);

    /// <summary>White (0) to the course's blue (1).</summary>
    private static readonly StyleParam.Colorscale WhiteToBlue = StyleParam.Colorscale.NewCustom(
        [Tuple.Create(0.0, Color.fromHex("#ffffff")), Tuple.Create(1.0, Color.fromHex("#4a90c8"))]);

    /// <summary>
    /// A heatmap of <paramref name="z"/>, e.g. attention weights with candidates as rows and clicks as columns.
    /// </summary>
    /// <param name="z">Values, [row, column].</param>
    /// <param name="title">Chart title.</param>
    /// <param name="columnLabels">Column labels (x axis), or null for 0..n-1.</param>
    /// <param name="rowLabels">Row labels (y axis), or null for 0..m-1.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <exception cref="ArgumentException">A label list does not match the matrix size.</exception>
    public static GenericChart Matrix(double[,] z, string title, IReadOnlyList<string>? columnLabels = null,
        IReadOnlyList<string>? rowLabels = null, string xTitle = "", string yTitle = "")
    {
        ArgumentNullException.ThrowIfNull(z);
        int rows = z.GetLength(0), cols = z.GetLength(1);
        var x = ChartLabels.Check(columnLabels, cols, "column", nameof(columnLabels));
        var y = ChartLabels.Check(rowLabels, rows, "row", nameof(rowLabels));
        var matrix = Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, cols).Select(c => z[r, c]).ToArray()).ToArray();
        var chart = PlotlyChart.Heatmap<double, string, string, string>(matrix, X: x, Y: y, ReverseYAxis: true);
        return Plots.Style(chart, title, xTitle, yTitle);
    }

    /// <summary>
    /// A heatmap that prints every cell's value, e.g. how much each node of a session graph changes after 1, 2, 3
    /// propagation steps.
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
    public static GenericChart Annotated(double[,] values, string title, IReadOnlyList<string>? columnLabels = null,
        IReadOnlyList<string>? rowLabels = null, string xTitle = "", string yTitle = "", string format = "0.00",
        bool logColor = false, int height = Plots.Height)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var x = ChartLabels.Check(columnLabels, cols, "column", nameof(columnLabels));
        var y = ChartLabels.Check(rowLabels, rows, "row", nameof(rowLabels));
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

    /// <summary>
    /// A session graph's normalised adjacency as two heatmaps side by side: in-edges <c>A_in[v, u] = 1/indeg(v)</c>
    /// (row v receives from column u) and out-edges <c>A_out[u, v] = 1/outdeg(u)</c> (row u sends to column v), each
    /// cell labelled with its value as a fraction. Rows and columns are nodes, labelled "node: item".
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="label">How to label an item (default: its id).</param>
    public static GenericChart Adjacency(SessionGraph graph, string title = "Normalised adjacency", Func<int, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        label ??= ChartLabels.ItemId;
        var n = graph.NodeCount;
        var a = graph.Adjacency();
        var names = Enumerable.Range(0, n).Select(k => $"{k}: {label(graph.Nodes[k])}").ToArray();
        GenericChart Half(int offset, string name, bool showScale)
        {
            var z = new double[n][];
            var text = new string[n][];
            for (var r = 0; r < n; r++)
            {
                z[r] = new double[n];
                text[r] = new string[n];
                for (var c = 0; c < n; c++)
                {
                    z[r][c] = a[r, offset + c];
                    text[r][c] = Fraction(z[r][c]);
                }
            }
            var chart = PlotlyChart.Heatmap<double, string, string, string>(z, X: names, Y: names, Name: name,
                ColorScale: WhiteToBlue, ShowScale: showScale,
                XGap: 2, YGap: 2, ReverseYAxis: true);
            chart = PlotlyExtras.SetTrace(chart, "text", text);
            chart = PlotlyExtras.SetTrace(chart, "texttemplate", "%{text}");
            chart = PlotlyExtras.SetTrace(chart, "zmin", 0.0);
            chart = PlotlyExtras.SetTrace(chart, "zmax", 1.0);
            return PlotlyExtras.SetTrace(chart, "hovertemplate", "row %{y}, column %{x}: %{text}<extra></extra>");
        }
        var grid = PlotlyChart.Grid([Half(0, "in", false), Half(n, "out", true)], 1, 2,
            SubPlotTitles: new[] { "in-edges: A_in[v, u] = 1/indeg(v) for u → v", "out-edges: A_out[u, v] = 1/outdeg(u) for u → v" },
            XGap: 0.18);
        var cell = Math.Clamp(300 / Math.Max(n, 1), 30, 60);
        var styled = Plots.Style(grid, title, "column (node: item)", "row (node: item)",
            width: Math.Min(900, 2 * n * cell + 250), height: n * cell + 190);
        styled = PlotlyExtras.SetLayout(styled, "yaxis", new Dictionary<string, object> { ["autorange"] = "reversed" });
        styled = PlotlyExtras.SetLayout(styled, "yaxis2", new Dictionary<string, object> { ["autorange"] = "reversed" });
        return PlotlyExtras.SetLayout(styled, "xaxis2", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = "column (node: item)" } });
    }

    /// <summary>A value of the form 1/k as a fraction ("1/2"), 1 as "1", 0 as "" (other values with two decimals).</summary>
    internal static string Fraction(double value)
    {
        if (value == 0) return "";
        if (Math.Abs(value - 1) < 1e-6) return "1";
        var k = Math.Round(1 / value);
        return Math.Abs(1 / k - value) < 1e-6 ? $"1/{k:0}" : value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
