using System.Globalization;
using Tagnn.Graphs;

namespace Tagnn.Course;

// The alias map from click positions to graph nodes (notebook 03).
public static partial class Diagrams
{
    private static readonly string[] NodeColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

    /// <summary>
    /// The alias map of a graph: the clicks (and padding positions) in a top row, the nodes in a bottom row, and a
    /// line from every position p to node alias[p]. Padding positions point to node 0 (item 0).
    /// </summary>
    /// <param name="graph">The graph (build it with a padded length to see padding).</param>
    /// <param name="title">Title above the drawing.</param>
    /// <param name="label">How to label an item (default: its id).</param>
    public static HtmlFigure Alias(SessionGraph graph, string? title = null, Func<int, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        label ??= ChartLabels.ItemId;
        const double box = 36, gap = 10, left = 92, nodeR = 18;
        var count = Math.Max(graph.PaddedLength, graph.NodeCount);
        var width = left + count * (box + gap) + 20;
        var top = title is null ? 14.0 : 38.0;
        var height = top + 210;
        var aliasText = "alias = [" + string.Join(", ", graph.Alias) + "]";
        var canvas = new SvgCanvas(width, height, (title is null ? "" : title + ": ") + aliasText);
        if (title is not null) canvas.Text(width / 2, 16, title, 14, weight: "bold");

        double PositionX(int p) => left + p * (box + gap) + box / 2;
        var nodeSpan = graph.NodeCount * (box + gap);
        var nodeLeft = left + (graph.PaddedLength * (box + gap) - nodeSpan) / 2;
        if (nodeLeft < left) nodeLeft = left;
        double NodeX(int k) => nodeLeft + k * (box + gap) + box / 2;
        var rowY = top + 30;
        var nodeY = top + 142;

        canvas.Text(10, rowY + box / 2, "positions", 12, SvgCanvas.Muted, anchor: "start");
        canvas.Text(10, nodeY, "nodes", 12, SvgCanvas.Muted, anchor: "start");
        for (var p = 0; p < graph.PaddedLength; p++)
        {
            var k = graph.Alias[p];
            var real = p < graph.Prefix.Count;
            canvas.Line(PositionX(p), rowY + box, NodeX(k), nodeY - nodeR - 1, real ? NodeColor(k) : SvgCanvas.Grey, real ? 1.8 : 1.2,
                arrow: true, dash: real ? null : "3 3");
        }
        for (var p = 0; p < graph.PaddedLength; p++)
        {
            var real = p < graph.Prefix.Count;
            var x = PositionX(p) - box / 2;
            canvas.Text(PositionX(p), rowY - 10, p.ToString(CultureInfo.InvariantCulture), 10, SvgCanvas.Muted);
            canvas.Rect(x, rowY, box, box, real ? SvgCanvas.LightBlue : SvgCanvas.LightGrey, real ? SvgCanvas.Blue : SvgCanvas.Muted, dash: real ? null : "3 2");
            canvas.Text(PositionX(p), rowY + box / 2, real ? label(graph.Prefix[p]) : "0", 13, real ? SvgCanvas.Ink : SvgCanvas.Muted, weight: real ? "bold" : "normal");
        }
        for (var k = 0; k < graph.NodeCount; k++)
        {
            var item = graph.Nodes[k];
            canvas.Circle(NodeX(k), nodeY, nodeR, item == 0 ? SvgCanvas.LightGrey : "white", item == 0 ? SvgCanvas.Muted : NodeColor(k),
                dash: item == 0 ? "4 3" : null, strokeWidth: 2);
            canvas.Text(NodeX(k), nodeY, item == 0 ? "0" : label(item), 13, item == 0 ? SvgCanvas.Muted : SvgCanvas.Ink, weight: "bold");
            canvas.Text(NodeX(k), nodeY + nodeR + 11, $"node {k}", 9.5, SvgCanvas.Muted);
        }
        canvas.Text(left, height - 18, aliasText, 12.5, anchor: "start", style: null);
        return canvas.ToFigure();
    }

    private static string NodeColor(int node) => NodeColors[node % NodeColors.Length];
}
