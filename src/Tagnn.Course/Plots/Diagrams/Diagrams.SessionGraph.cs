using System.Globalization;
using Tagnn.Graphs;

namespace Tagnn.Course;

// Session graphs drawn with their directed edges (notebook 03 and later).
public static partial class Diagrams
{
    private const double NodeRadius = 22;

    /// <summary>
    /// Draws a session graph: one circle per node (the item label, and the node's index in small print), laid out on a
    /// circle in the order the session first visits them; one arrow per distinct edge u -> v, labelled with the steps
    /// t at which the session made that transition (click t -> click t + 1); a pair of opposite edges is drawn as two
    /// arcs, a self-loop (a repeated click) as a loop. When the graph is padded, item 0 (the padding node, node 0) is
    /// drawn apart, dashed: it has no edge.
    /// </summary>
    /// <param name="graph">The graph (<see cref="Graphs.SessionGraph.Build"/>).</param>
    /// <param name="title">Title above the drawing (default: none).</param>
    /// <param name="label">How to label an item (default: its id).</param>
    /// <param name="size">Width and height of the drawing area in pixels.</param>
    /// <param name="showSteps">Label each edge with the steps at which it was taken.</param>
    public static HtmlFigure SessionGraph(SessionGraph graph, string? title = null, Func<int, string>? label = null, int size = 320, bool showSteps = true)
    {
        ArgumentNullException.ThrowIfNull(graph);
        label ??= ChartLabels.ItemId;
        // Wide enough for about 110 px between neighbouring nodes on the circle.
        var visited = graph.Alias.Take(graph.Prefix.Count).Distinct().Count();
        if (visited > 2) size = Math.Max(size, (int)Math.Ceiling(2 * (55 / Math.Sin(Math.PI / visited) + NodeRadius + 46)));
        var width = (double)size;
        var caption = "clicks: " + string.Join(" → ", graph.Prefix.Select(label));
        var captionLines = Wrap(caption, (int)(width / 6.4));
        var top = (title is null ? 14.0 : 36.0) + 16 * captionLines.Count;
        var (position, center, height) = LayOut(graph, width, top);

        var canvas = new SvgCanvas(width, height, (title is null ? "" : title + ": ") + caption);
        if (title is not null) canvas.Text(width / 2, 16, title, 14, weight: "bold");
        for (var i = 0; i < captionLines.Count; i++)
            canvas.Text(width / 2, top - 14 - 16 * (captionLines.Count - 1 - i), captionLines[i], 12, SvgCanvas.Muted);
        DrawEdges(canvas, graph, position, center, showSteps);
        DrawNodes(canvas, graph, position, label);   // on top of the edges
        return canvas.ToFigure();
    }

    /// <summary>
    /// Where each node goes: the real nodes on a circle, in the order the session first visits them, starting on the
    /// left; the drawing is then cropped to the nodes (plus room for self-loops and labels), and the padding node, if
    /// any, goes to the bottom left. Returns the positions by node index, the centre of the circle and the height.
    /// </summary>
    private static ((double X, double Y)[] Position, (double X, double Y) Center, double Height) LayOut(
        SessionGraph graph, double width, double top)
    {
        var position = new (double X, double Y)[graph.NodeCount];
        var firstVisit = graph.Alias.Take(graph.Prefix.Count).Distinct().ToList();
        var radius = width / 2.0 - NodeRadius - 46;
        for (var k = 0; k < firstVisit.Count; k++)
        {
            var angle = Math.PI + 2 * Math.PI * k / firstVisit.Count;
            position[firstVisit[k]] = firstVisit.Count == 1 ? (width / 2, 0) : (width / 2 + radius * Math.Cos(angle), radius * Math.Sin(angle));
        }
        var margin = NodeRadius + (graph.Edges.Any(e => e.From == e.To) ? 56 : 30);   // room for self-loops and labels
        var minY = firstVisit.Min(k => position[k].Y);
        var maxY = firstVisit.Max(k => position[k].Y);
        foreach (var k in firstVisit) position[k] = (position[k].X, position[k].Y - minY + top + margin);
        var center = (X: width / 2, Y: top + margin + (maxY - minY) / 2);
        var height = top + (maxY - minY) + 2 * margin;
        if (graph.IsPadded)
        {
            height += 2 * NodeRadius + 6;
            position[0] = (NodeRadius + 10, height - NodeRadius - 10);
        }
        return (position, center, height);
    }

    /// <summary>One arrow per distinct edge, labelled (when <paramref name="showSteps"/>) with the steps t at which the
    /// session took it (click t -> click t + 1).</summary>
    private static void DrawEdges(SvgCanvas canvas, SessionGraph graph, (double X, double Y)[] position, (double X, double Y) center,
        bool showSteps)
    {
        var steps = new Dictionary<(int, int), List<int>>();
        for (var t = 0; t + 1 < graph.Prefix.Count; t++)
        {
            var edge = (graph.Alias[t], graph.Alias[t + 1]);
            if (!steps.TryGetValue(edge, out var list)) steps[edge] = list = [];
            list.Add(t + 1);
        }
        var edges = graph.Edges.ToHashSet();
        foreach (var (from, to) in graph.Edges)
        {
            var text = showSteps ? string.Join(", ", steps[(from, to)]) : null;
            if (from == to) DrawLoop(canvas, position[from], center, text);
            else DrawEdge(canvas, position[from], position[to], edges.Contains((to, from)), text, center);
        }
    }

    /// <summary>One circle per node with its item and index; the padding node (item 0) dashed and grey.</summary>
    private static void DrawNodes(SvgCanvas canvas, SessionGraph graph, (double X, double Y)[] position, Func<int, string> label)
    {
        for (var k = 0; k < graph.NodeCount; k++)
        {
            var (x, y) = position[k];
            var item = graph.Nodes[k];
            if (item == 0)
            {
                canvas.Circle(x, y, NodeRadius, SvgCanvas.LightGrey, SvgCanvas.Muted, dash: "4 3");
                canvas.Text(x, y - 3, "0", 14, SvgCanvas.Muted, weight: "bold");
                canvas.Text(x, y + 11, "node 0", 8.5, SvgCanvas.Muted);
                canvas.Text(x + NodeRadius + 6, y, "padding (no edges)", 10.5, SvgCanvas.Muted, anchor: "start", style: "italic");
                continue;
            }
            canvas.Circle(x, y, NodeRadius, SvgCanvas.LightBlue, SvgCanvas.Blue);
            canvas.Text(x, y - 3, label(item), 14, weight: "bold");
            canvas.Text(x, y + 11, $"node {k}", 8.5, SvgCanvas.Muted);
        }
    }

    private static void DrawEdge(SvgCanvas canvas, (double X, double Y) p, (double X, double Y) q, bool curved, string? text,
        (double X, double Y) center)
    {
        var (dx, dy) = (q.X - p.X, q.Y - p.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        var (ux, uy) = (dx / length, dy / length);
        var (nx, ny) = (uy, -ux); // the left of the direction on screen; the opposite edge bends the other way
        var bend = curved ? 0.2 * length : 0;
        var control = ((p.X + q.X) / 2 + nx * bend, (p.Y + q.Y) / 2 + ny * bend);
        var start = Toward(p, control, NodeRadius);
        var end = Toward(q, control, NodeRadius + 1);
        var d = $"M{SvgCanvas.F(start.X)},{SvgCanvas.F(start.Y)} Q{SvgCanvas.F(control.Item1)},{SvgCanvas.F(control.Item2)} {SvgCanvas.F(end.X)},{SvgCanvas.F(end.Y)}";
        canvas.Path(d, "#555", 1.6, arrow: true);
        if (text is null) return;
        // The curve's midpoint, pushed a little further to the side it bends to (a straight edge: away from the
        // centre of the layout, where there is room).
        var mid = (X: 0.25 * start.X + 0.5 * control.Item1 + 0.25 * end.X, Y: 0.25 * start.Y + 0.5 * control.Item2 + 0.25 * end.Y);
        var side = curved || (mid.X - center.X) * nx + (mid.Y - center.Y) * ny >= 0 ? 1 : -1;
        canvas.Text(mid.X + side * nx * 11, mid.Y + side * ny * 11, text, 11, SvgCanvas.Orange, weight: "bold", halo: true);
    }

    private static void DrawLoop(SvgCanvas canvas, (double X, double Y) p, (double X, double Y) center, string? text)
    {
        var phi = Math.Abs(p.X - center.X) + Math.Abs(p.Y - center.Y) < 1e-9 ? -Math.PI / 2 : Math.Atan2(p.Y - center.Y, p.X - center.X);
        (double, double) At(double angle, double r) => (p.X + r * Math.Cos(angle), p.Y + r * Math.Sin(angle));
        var (sx, sy) = At(phi - 0.45, NodeRadius);
        var (ex, ey) = At(phi + 0.45, NodeRadius + 1);
        var (c1x, c1y) = At(phi - 0.8, NodeRadius + 52);
        var (c2x, c2y) = At(phi + 0.8, NodeRadius + 52);
        var f = SvgCanvas.F;
        canvas.Path($"M{f(sx)},{f(sy)} C{f(c1x)},{f(c1y)} {f(c2x)},{f(c2y)} {f(ex)},{f(ey)}", "#555", 1.6, arrow: true);
        if (text is null) return;
        var (lx, ly) = At(phi, NodeRadius + 50);
        canvas.Text(lx, ly, text, 11, SvgCanvas.Orange, weight: "bold", halo: true);
    }

    /// <summary>Splits a caption at its " → " separators into lines of at most <paramref name="max"/> characters.</summary>
    internal static List<string> Wrap(string text, int max)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var part in text.Split(" → "))
        {
            var next = line.Length == 0 ? part : line + " → " + part;
            if (next.Length > max && line.Length > 0)
            {
                lines.Add(line + " →");
                line = part;
            }
            else
            {
                line = next;
            }
        }
        lines.Add(line);
        return lines;
    }

    private static (double X, double Y) Toward((double X, double Y) from, (double X, double Y) to, double distance)
    {
        var (dx, dy) = (to.X - from.X, to.Y - from.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        return (from.X + dx / length * distance, from.Y + dy / length * distance);
    }
}
