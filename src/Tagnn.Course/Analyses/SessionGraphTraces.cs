using Plotly.NET;
using Tagnn.Graphs;
using static Tagnn.Course.PlotlyExtras;

namespace Tagnn.Course;

/// <summary>
/// A session graph drawn as plotly traces only (no layout annotations), so that a figure can carry the graphs of many
/// sessions and show one at a time by trace visibility: nodes on a circle in the order the session first visits them,
/// coloured by topic and labelled with the item and the positions clicked; edges as lines with filled arrowheads;
/// self-loops as a circular-arrow sign beside the node.
/// </summary>
internal static class SessionGraphTraces
{
    // Data units of the graph panel (its axes span about 3.2 units): a node's radius, the arrowhead's length and half width.
    private const double NodeRadius = 0.22, HeadLength = 0.13, HeadHalfWidth = 0.065, OppositeShift = 0.07;

    /// <summary>Four traces on axes <paramref name="xAxis"/>/<paramref name="yAxis"/>: edges, arrowheads, nodes,
    /// captions (with loops).</summary>
    /// <param name="clicks">The clicks (ids 1..N).</param>
    /// <param name="clickIds">Their original ids.</param>
    /// <param name="clickTopics">Their topics.</param>
    /// <param name="xAxis">Plotly x axis id, e.g. <c>x3</c>.</param>
    /// <param name="yAxis">Plotly y axis id, e.g. <c>y3</c>.</param>
    public static GenericChart[] Build(IReadOnlyList<int> clicks, IReadOnlyList<string> clickIds, IReadOnlyList<int> clickTopics,
        string xAxis, string yAxis)
    {
        var graph = SessionGraph.Build(clicks);
        var order = graph.Alias.Take(clicks.Count).Distinct().ToList();      // node indices, first visit first
        var position = new Dictionary<int, (double X, double Y)>();
        for (var j = 0; j < order.Count; j++)
        {
            var angle = Math.PI - 2 * Math.PI * j / order.Count;              // start on the left, go clockwise
            position[order[j]] = order.Count == 1 ? (0, 0) : (Math.Cos(angle), Math.Sin(angle));
        }
        var clicksAt = order.ToDictionary(n => n, n => Enumerable.Range(0, clicks.Count).Where(i => graph.Alias[i] == n).Select(i => i + 1).ToList());
        var first = order.ToDictionary(n => n, n => Enumerable.Range(0, clicks.Count).First(i => graph.Alias[i] == n));

        var lineX = new List<double?>();
        var lineY = new List<double?>();
        var headX = new List<double?>();
        var headY = new List<double?>();
        var loops = new List<(double X, double Y)>();
        var edges = graph.Edges.ToHashSet();
        foreach (var (from, to) in graph.Edges)
        {
            var p = position[from];
            if (from == to)
            {
                loops.Add((p.X * 1.33, p.Y * 1.33 + (order.Count == 1 ? 0.35 : 0)));
                continue;
            }
            var q = position[to];
            var (dx, dy) = (q.X - p.X, q.Y - p.Y);
            var length = Math.Sqrt(dx * dx + dy * dy);
            var (ux, uy) = (dx / length, dy / length);
            // A pair of opposite edges: shift each sideways so that both arrows show.
            var shift = edges.Contains((to, from)) ? OppositeShift : 0;
            var (nx, ny) = (uy * shift, -ux * shift);
            var start = (X: p.X + nx + ux * NodeRadius, Y: p.Y + ny + uy * NodeRadius);
            var tip = (X: q.X + nx - ux * NodeRadius, Y: q.Y + ny - uy * NodeRadius);
            var baseCentre = (X: tip.X - ux * HeadLength, Y: tip.Y - uy * HeadLength);
            lineX.AddRange([start.X, baseCentre.X, null]);
            lineY.AddRange([start.Y, baseCentre.Y, null]);
            headX.AddRange([tip.X, baseCentre.X - uy * HeadHalfWidth, baseCentre.X + uy * HeadHalfWidth, tip.X, null]);
            headY.AddRange([tip.Y, baseCentre.Y + ux * HeadHalfWidth, baseCentre.Y - ux * HeadHalfWidth, tip.Y, null]);
        }

        var lines = Trace("scatter", ("mode", "lines"), ("xaxis", xAxis), ("yaxis", yAxis), ("x", Round(lineX)), ("y", Round(lineY)),
            ("line", Obj(("color", "#555"), ("width", 1.6))), ("hoverinfo", "skip"), ("showlegend", false));
        var heads = Trace("scatter", ("mode", "lines"), ("fill", "toself"), ("fillcolor", "#555"), ("xaxis", xAxis), ("yaxis", yAxis),
            ("x", Round(headX)), ("y", Round(headY)), ("line", Obj(("color", "#555"), ("width", 1))), ("hoverinfo", "skip"), ("showlegend", false));
        var nodes = Trace("scatter", ("mode", "markers+text"), ("xaxis", xAxis), ("yaxis", yAxis),
            ("x", order.Select(n => R(position[n].X)).ToArray()), ("y", order.Select(n => R(position[n].Y)).ToArray()),
            ("marker", Obj(("size", 44), ("color", order.Select(n => TopicColors.Of(clickTopics[first[n]])).ToArray()),
                ("line", Obj(("color", "white"), ("width", 2))))),
            ("text", order.Select(n => $"<b>{Text(clickIds[first[n]])}</b>").ToArray()), ("textposition", "middle center"),
            ("textfont", Obj(("color", "white"), ("size", 11))), ("showlegend", false),
            ("hovertext", order.Select(n => $"item {Text(clickIds[first[n]])}, topic {clickTopics[first[n]]}, " +
                $"clicked at {string.Join(", ", clicksAt[n])}").ToArray()), ("hoverinfo", "text"));
        var captionText = order.Select(n => TopicColors.Colored((clicksAt[n].Count > 1 ? "clicks " : "click ") + string.Join(", ", clicksAt[n]), clickTopics[first[n]]))
            .Concat(loops.Select(_ => "<span style=\"font-size:18px;color:#555\">↻</span>")).ToArray();
        var captions = Trace("scatter", ("mode", "text"), ("xaxis", xAxis), ("yaxis", yAxis),
            ("x", order.Select(n => R(position[n].X)).Concat(loops.Select(l => R(l.X))).ToArray()),
            ("y", order.Select(n => R(position[n].Y - 0.3)).Concat(loops.Select(l => R(l.Y))).ToArray()),
            ("text", captionText), ("textposition", order.Select(_ => "bottom center").Concat(loops.Select(_ => "middle center")).ToArray()),
            ("textfont", Obj(("size", 10))), ("showlegend", false), ("hoverinfo", "skip"));
        return [lines, heads, nodes, captions];
    }

    private static double R(double value) => Math.Round(value, 4);

    private static double?[] Round(List<double?> values) => [.. values.Select(v => v is { } x ? R(x) : (double?)null)];
}
