using System.Globalization;
using Tagnn.Graphs;
using TorchSharp;

namespace Tagnn.Course;

/// <summary>
/// Pictures of session graphs and batches (notebook 03 and later): the graph drawn with its directed edges, its
/// normalised in/out adjacency as heatmaps, the alias map from click positions to nodes, and how a batch pads
/// positions and nodes. Diagrams are static SVG (<see cref="HtmlFigure"/>); matrices are Plotly heatmaps.
/// </summary>
public static class GraphPlots
{
    private const double NodeRadius = 22;

    /// <summary>
    /// Draws a session graph: one circle per node (the item label, and the node's index in small print), laid out on a
    /// circle in the order the session first visits them; one arrow per distinct edge u -> v, labelled with the steps
    /// t at which the session made that transition (click t -> click t + 1); a pair of opposite edges is drawn as two
    /// arcs, a self-loop (a repeated click) as a loop. When the graph is padded, item 0 (the padding node, node 0) is
    /// drawn apart, dashed: it has no edge.
    /// </summary>
    /// <param name="graph">The graph (<see cref="SessionGraph.Build"/>).</param>
    /// <param name="title">Title above the drawing (default: none).</param>
    /// <param name="label">How to label an item (default: its id).</param>
    /// <param name="size">Width and height of the drawing area in pixels.</param>
    /// <param name="showSteps">Label each edge with the steps at which it was taken.</param>
    public static HtmlFigure Draw(SessionGraph graph, string? title = null, Func<int, string>? label = null, int size = 320, bool showSteps = true)
    {
        ArgumentNullException.ThrowIfNull(graph);
        label ??= DefaultLabel;
        // Wide enough for about 110 px between neighbouring nodes on the circle.
        var visited = graph.Alias.Take(graph.Prefix.Count).Distinct().Count();
        if (visited > 2) size = Math.Max(size, (int)Math.Ceiling(2 * (55 / Math.Sin(Math.PI / visited) + NodeRadius + 46)));
        var width = (double)size;
        var caption = "clicks: " + string.Join(" → ", graph.Prefix.Select(label));
        var captionLines = Wrap(caption, (int)(width / 6.4));
        var top = (title is null ? 14.0 : 36.0) + 16 * captionLines.Count;

        // Layout: the real nodes on a circle, in the order the session first visits them, starting on the left; the
        // drawing is then cropped to the nodes (plus room for self-loops and labels).
        var n = graph.NodeCount;
        var position = new (double X, double Y)[n];
        var firstVisit = graph.Alias.Take(graph.Prefix.Count).Distinct().ToList();
        var radius = size / 2.0 - NodeRadius - 46;
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
        var canvas = new SvgCanvas(width, height, (title is null ? "" : title + ": ") + caption);
        if (title is not null) canvas.Text(width / 2, 16, title, 14, weight: "bold");
        for (var i = 0; i < captionLines.Count; i++)
            canvas.Text(width / 2, top - 14 - 16 * (captionLines.Count - 1 - i), captionLines[i], 12, SvgCanvas.Muted);

        // Edges, with the steps at which each was taken.
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

        // Nodes on top.
        for (var k = 0; k < n; k++)
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
        return canvas.ToFigure();
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

    /// <summary>
    /// The graph's normalised adjacency as two heatmaps side by side: in-edges <c>A_in[v, u] = 1/indeg(v)</c> (row v
    /// receives from column u) and out-edges <c>A_out[u, v] = 1/outdeg(u)</c> (row u sends to column v), each cell
    /// labelled with its value as a fraction. Rows and columns are nodes, labelled "node: item".
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="label">How to label an item (default: its id).</param>
    public static Plotly.NET.GenericChart Adjacency(SessionGraph graph, string title = "Normalised adjacency", Func<int, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        label ??= DefaultLabel;
        var n = graph.NodeCount;
        var a = graph.Adjacency();
        var names = Enumerable.Range(0, n).Select(k => $"{k}: {label(graph.Nodes[k])}").ToArray();
        Plotly.NET.GenericChart Half(int offset, string name, bool showScale)
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
            var chart = Plotly.NET.CSharp.Chart.Heatmap<double, string, string, string>(z, X: names, Y: names, Name: name,
                ColorScale: WhiteToBlue, ShowScale: showScale,
                XGap: 2, YGap: 2, ReverseYAxis: true);
            chart = PlotlyExtras.SetTrace(chart, "text", text);
            chart = PlotlyExtras.SetTrace(chart, "texttemplate", "%{text}");
            chart = PlotlyExtras.SetTrace(chart, "zmin", 0.0);
            chart = PlotlyExtras.SetTrace(chart, "zmax", 1.0);
            return PlotlyExtras.SetTrace(chart, "hovertemplate", "row %{y}, column %{x}: %{text}<extra></extra>");
        }
        var grid = Plotly.NET.CSharp.Chart.Grid([Half(0, "in", false), Half(n, "out", true)], 1, 2,
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
        label ??= DefaultLabel;
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
            canvas.Line(PositionX(p), rowY + box, NodeX(k), nodeY - nodeR - 1, real ? Palette(k) : SvgCanvas.Grey, real ? 1.8 : 1.2,
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
            canvas.Circle(NodeX(k), nodeY, nodeR, item == 0 ? SvgCanvas.LightGrey : "white", item == 0 ? SvgCanvas.Muted : Palette(k),
                dash: item == 0 ? "4 3" : null, strokeWidth: 2);
            canvas.Text(NodeX(k), nodeY, item == 0 ? "0" : label(item), 13, item == 0 ? SvgCanvas.Muted : SvgCanvas.Ink, weight: "bold");
            canvas.Text(NodeX(k), nodeY + nodeR + 11, $"node {k}", 9.5, SvgCanvas.Muted);
        }
        canvas.Text(left, height - 18, aliasText, 12.5, anchor: "start", style: null);
        return canvas.ToFigure();
    }

    /// <summary>
    /// What a batch holds, example by example: on top the item at every position (<c>Items[b, Alias[b, p]]</c>; real
    /// clicks blue, padding grey), below the node list (<c>Items[b]</c>: real nodes blue, node 0 = item 0 of a padded
    /// example grey, and the 0s that fill the node list up to the batch's node count dashed). Positions beyond
    /// <paramref name="maxPositions"/> are summarised as "+k more".
    /// </summary>
    /// <param name="batch">The batch (its tensors are read once).</param>
    /// <param name="title">Title above the drawing.</param>
    /// <param name="maxExamples">Examples shown (the first ones).</param>
    /// <param name="maxPositions">Positions drawn before the rest is summarised.</param>
    public static HtmlFigure Batch(SessionBatch batch, string? title = null, int maxExamples = 8, int maxPositions = 20)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPositions, 2);
        var rows = Math.Min(batch.Count, maxExamples);
        int l = batch.Length, n = batch.NodeCount;
        long[] items, alias, lengths;
        using (torch.NewDisposeScope())
        {
            items = batch.Items.cpu().data<long>().ToArray();
            alias = batch.Alias.cpu().data<long>().ToArray();
            lengths = batch.Lengths.cpu().data<long>().ToArray();
        }
        const double cell = 30, gap = 3, left = 104, rowHeight = cell + 6;
        var shown = l <= maxPositions ? l : maxPositions - 1;
        var columns = Math.Max(l <= maxPositions ? l : maxPositions + 1, n);
        var width = left + columns * (cell + gap) + 20;
        var titleHeight = title is null ? 8.0 : 32.0;
        var positionsTop = titleHeight + 28;
        var nodesTop = positionsTop + rows * rowHeight + 34;
        var height = nodesTop + rows * rowHeight + 34;
        var description = $"batch of {batch.Count}: L = {l} positions, n = {n} nodes";
        var canvas = new SvgCanvas(width, height, (title is null ? "" : title + ": ") + description);
        if (title is not null) canvas.Text(10, 16, title, 14, anchor: "start", weight: "bold");
        canvas.Text(left, positionsTop - 14, $"positions: the item at each position, Items[b, Alias[b, p]]  (L = {l})", 12, SvgCanvas.Muted, anchor: "start");
        canvas.Text(left, nodesTop - 14, $"nodes: Items[b]  (n = {n})", 12, SvgCanvas.Muted, anchor: "start");
        for (var b = 0; b < rows; b++)
        {
            var y = positionsTop + b * rowHeight;
            canvas.Text(10, y + cell / 2, $"example {b} ({lengths[b]})", 11.5, anchor: "start");
            for (var p = 0; p < shown; p++)
            {
                var real = p < lengths[b];
                var item = items[b * n + alias[b * l + p]];
                var x = left + p * (cell + gap);
                canvas.Rect(x, y, cell, cell, real ? SvgCanvas.LightBlue : SvgCanvas.LightGrey, real ? SvgCanvas.Blue : SvgCanvas.Grey, rx: 3);
                canvas.Text(x + cell / 2, y + cell / 2, item.ToString(CultureInfo.InvariantCulture), ItemFont(item), real ? SvgCanvas.Ink : SvgCanvas.Muted);
            }
            if (shown < l)
            {
                var hidden = l - shown;
                var realHidden = Math.Max(0, (int)lengths[b] - shown);
                var x = left + shown * (cell + gap);
                canvas.Text(x + 4, y + cell / 2, realHidden == 0 ? $"… +{hidden} padding" : $"… +{hidden} ({realHidden} real)",
                    11, SvgCanvas.Muted, anchor: "start", style: "italic");
            }

            y = nodesTop + b * rowHeight;
            canvas.Text(10, y + cell / 2, $"example {b}", 11.5, anchor: "start");
            var lastReal = n - 1;
            while (lastReal > 0 && items[b * n + lastReal] == 0) lastReal--;
            for (var k = 0; k < n; k++)
            {
                var item = items[b * n + k];
                var x = left + k * (cell + gap);
                var (fill, stroke, dash) = item != 0 ? (SvgCanvas.LightBlue, SvgCanvas.Blue, (string?)null)
                    : k <= lastReal ? (SvgCanvas.LightGrey, SvgCanvas.Muted, (string?)null)
                    : ("white", SvgCanvas.Grey, "3 2");
                canvas.Rect(x, y, cell, cell, fill, stroke, rx: 3, dash: dash);
                canvas.Text(x + cell / 2, y + cell / 2, item.ToString(CultureInfo.InvariantCulture), ItemFont(item), item == 0 ? SvgCanvas.Muted : SvgCanvas.Ink);
            }
        }
        var legendY = height - 14;
        canvas.Rect(left, legendY - 6, 12, 12, SvgCanvas.LightBlue, SvgCanvas.Blue, rx: 2).Text(left + 17, legendY, "real click / node", 11, anchor: "start");
        canvas.Rect(left + 130, legendY - 6, 12, 12, SvgCanvas.LightGrey, SvgCanvas.Muted, rx: 2).Text(left + 147, legendY, "padding: item 0 (node 0)", 11, anchor: "start");
        canvas.Rect(left + 300, legendY - 6, 12, 12, "white", SvgCanvas.Grey, rx: 2, dash: "3 2").Text(left + 317, legendY, "0s filling the node list", 11, anchor: "start");
        return canvas.ToFigure();
    }

    /// <summary>White (0) to the course's blue (1).</summary>
    internal static readonly Plotly.NET.StyleParam.Colorscale WhiteToBlue = Plotly.NET.StyleParam.Colorscale.NewCustom(
        [Tuple.Create(0.0, Plotly.NET.Color.fromHex("#ffffff")), Tuple.Create(1.0, Plotly.NET.Color.fromHex("#4a90c8"))]);

    private static double ItemFont(long item) => item >= 1000 ? 8.5 : item >= 100 ? 10 : 11.5;

    private static string DefaultLabel(int item) => item.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

    private static string Palette(int node) => Colors[node % Colors.Length];
}
