using System.Globalization;
using System.Net;
using Plotly.NET;
using Tagnn.Evaluation;
using Tagnn.Graphs;
using static Tagnn.Course.PlotlyExtras;

namespace Tagnn.Course;

/// <summary>
/// One session seen through a trained TAGNN (notebook 10): its top-k recommendations, each candidate's target
/// attention beta over the clicks (Eq. 6), the global attention alpha (Eq. 8), the scores (Eq. 11) and the session
/// graph, with every item labelled by its original id and coloured by its topic (<see cref="TopicColors"/>), so the
/// views can be read together.
/// </summary>
/// <param name="Clicks">The session's clicks (ids 1..N), oldest first.</param>
/// <param name="ClickIds">The clicks' original ids (as in the click log).</param>
/// <param name="ClickTopics">The clicks' topics.</param>
/// <param name="Candidates">The recommended items (ids 1..N), best first.</param>
/// <param name="CandidateIds">Their original ids.</param>
/// <param name="CandidateTopics">Their topics.</param>
/// <param name="Scores">Their scores (logits of the softmax over all items).</param>
/// <param name="Beta">[k, i]: target attention of candidate k on click i.</param>
/// <param name="BetaPadding">[k]: candidate k's target attention on padding positions (reference formulation).</param>
/// <param name="Alpha">[i]: global attention on click i, or null when the readout has none.</param>
/// <param name="AlphaPadding">The global attention on padding positions (reference formulation), 0 otherwise.</param>
/// <param name="Target">The session's actual next click (0 when unknown).</param>
/// <param name="PadLength">The padding length the reference formulation's softmaxes run over.</param>
public sealed record AttentionView(
    IReadOnlyList<int> Clicks, IReadOnlyList<string> ClickIds, IReadOnlyList<int> ClickTopics,
    IReadOnlyList<int> Candidates, IReadOnlyList<string> CandidateIds, IReadOnlyList<int> CandidateTopics,
    double[] Scores, double[,] Beta, double[] BetaPadding, double[]? Alpha, double AlphaPadding, int Target, int PadLength)
{
    // Below this, a padding share is not worth a column of its own.
    private const double VisiblePadding = 0.005;

    /// <summary>
    /// Recommends for <paramref name="session"/> with <paramref name="recommender"/> and reads out the attention of
    /// its top <paramref name="k"/> items.
    /// </summary>
    /// <param name="recommender">A recommender whose model has target attention (e.g. <c>RunFolder.LoadRecommender()</c>).</param>
    /// <param name="session">The clicks, ids 1..N, oldest first.</param>
    /// <param name="topicByItem">Element i is the topic of item i (<c>SampleData.TopicByItemId()</c>).</param>
    /// <param name="k">How many recommendations.</param>
    /// <param name="target">The actual next click, if known (marked with a star), else 0.</param>
    /// <exception cref="InvalidOperationException">The model has no target attention.</exception>
    public static AttentionView Create(Recommender recommender, IReadOnlyList<int> session, IReadOnlyList<int> topicByItem,
        int k = 10, int target = 0)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(topicByItem);
        if (recommender.SessionModel.TargetAttention is null)
            throw new InvalidOperationException("This model has no target attention (SR-GNN, or TAGNN with it off): there is no beta to show.");
        if (session.Count == 0) throw new ArgumentException("The session is empty.", nameof(session));
        foreach (var v in session)
        {
            if (v < 1 || v > recommender.Items.Count) throw new ArgumentOutOfRangeException(nameof(session), $"Item {v} is not an id in 1..{recommender.Items.Count}.");
        }
        var recommendation = recommender.Recommend(session.Select(recommender.Items.OriginalId), k);
        var candidates = recommendation.Items.Select(i => i.ItemId).ToArray();
        var padLength = Math.Max(recommender.PadLength, session.Count);
        var attention = SessionAttention.Compute(recommender.SessionModel, session, candidates, padLength);
        var alphaPadding = attention.Alpha is { } a && recommender.SessionModel.Config.GlobalSoftmax ? Math.Max(0, 1 - a.Sum()) : 0;
        return new AttentionView(
            session.ToArray(), session.Select(recommender.Items.OriginalId).ToArray(), session.Select(v => topicByItem[v]).ToArray(),
            candidates, candidates.Select(recommender.Items.OriginalId).ToArray(), candidates.Select(v => topicByItem[v]).ToArray(),
            attention.Scores, attention.Beta, Enumerable.Range(0, candidates.Length).Select(attention.PaddingShare).ToArray(),
            attention.Alpha, alphaPadding, target, padLength);
    }

    /// <summary>
    /// The same for a session written as ORIGINAL item ids (as in the click log), separated by spaces or commas;
    /// unknown ids are an error that lists them.
    /// </summary>
    /// <param name="recommender">A recommender whose model has target attention.</param>
    /// <param name="session">E.g. <c>"2965 1342 1457"</c>.</param>
    /// <param name="topicByItem">Element i is the topic of item i.</param>
    /// <param name="k">How many recommendations.</param>
    /// <exception cref="ArgumentException">An id the model does not know, or an empty session.</exception>
    public static AttentionView Create(Recommender recommender, string session, IReadOnlyList<int> topicByItem, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        var ids = Recommender.ParseSession(session);
        var unknown = ids.Where(id => recommender.Items.IdOf(id) is null).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown item id(s): {string.Join(", ", unknown)}; ids are the click log's, and only the {recommender.Items.Count} items kept by the preprocessing are known.", nameof(session));
        return Create(recommender, [.. ids.Select(id => recommender.Items.IdOf(id)!.Value)], topicByItem, k);
    }

    /// <summary>Share of candidate <paramref name="k"/>'s attention on the clicks of its own topic, and chance (the
    /// share of the clicks in that topic); null when the session has no click, or only clicks, in that topic.</summary>
    public (double Share, double Chance)? OwnTopicShare(int k) =>
        TopicAttention.OwnTopicShare(ClickTopics, Row(k), CandidateTopics[k]);

    /// <summary>The top-k list as a table: rank, item, topic, score, the click the candidate attends to most, the
    /// share of its attention on its own topic against chance, and its attention on padding.</summary>
    public HtmlFigure Table()
    {
        var table = new HtmlTable().Head([("rank", true), ("item", false), ("topic", false), ("score", true),
            ("most attended click (β)", false), ("β on own topic", true), ("chance", true), ("β on padding", true), ("", false)]);
        for (var k = 0; k < Candidates.Count; k++)
        {
            var row = Row(k);
            var best = Enumerable.Range(0, Clicks.Count).OrderByDescending(i => row[i]).ThenByDescending(i => i).First();
            var own = OwnTopicShare(k);
            table.Row()
                .Cell((k + 1).ToString(CultureInfo.InvariantCulture), number: true)
                .Cell($"<b>{TopicColors.Colored(CandidateIds[k], CandidateTopics[k])}</b>", raw: true)
                .Cell(TopicColors.Colored(TopicColors.Label(CandidateTopics[k]), CandidateTopics[k]), raw: true)
                .Cell(F(Scores[k], "0.00"), number: true)
                .Cell($"{TopicColors.Colored($"{best + 1}: {ClickIds[best]}", ClickTopics[best])} ({F(row[best], "0.00")})", raw: true)
                .Cell(own is { } o ? F(o.Share, "0.00") : "–", number: true)
                .Cell(own is { } c ? F(c.Chance, "0.00") : ClickTopics.Contains(CandidateTopics[k]) ? "all" : "none", number: true)
                .Cell(F(BetaPadding[k], "0.00"), number: true)
                .Cell(Candidates[k] == Target ? "★ next click" : "");
        }
        return table.ToFigure($"Top {Candidates.Count} for the session {string.Join(" → ", ClickIds)}");
    }

    /// <summary>
    /// One linked figure: the global attention alpha over the clicks (top left), the target-attention heatmap
    /// (candidates x clicks, bottom left, sharing the click axis), the candidates' scores (sharing the candidate axis)
    /// and the session graph (right). Items are labelled with their original ids and coloured by topic everywhere;
    /// the actual next click is starred. In the reference formulation a last column shows the attention on padding.
    /// </summary>
    /// <param name="title">Figure title (default: the session).</param>
    public GenericChart Figure(string? title = null)
    {
        int m = Clicks.Count, k = Candidates.Count;
        var showPadding = AlphaPadding > VisiblePadding || BetaPadding.Any(p => p > VisiblePadding);
        var columns = m + (showPadding ? 1 : 0);
        var x = Enumerable.Range(1, columns).ToArray();
        var y = Enumerable.Range(1, k).ToArray();
        var clickTicks = Enumerable.Range(0, m)
            .Select(i => $"<b>{TopicColors.Colored((i + 1).ToString(CultureInfo.InvariantCulture), ClickTopics[i])}</b><br>" +
                         $"{TopicColors.Colored(ClickIds[i], ClickTopics[i])}<br>{TopicColors.Colored(TopicColors.Label(ClickTopics[i]), ClickTopics[i])}")
            .ToList();
        if (showPadding) clickTicks.Add(TopicColors.Colored("pad", 0) + "<br>" + TopicColors.Colored($"×{PadLength - m}", 0));
        var candidateTicks = Enumerable.Range(0, k)
            .Select(j => (Candidates[j] == Target ? "★ " : "") + TopicColors.Colored($"{j + 1}. {CandidateIds[j]} ({TopicColors.Label(CandidateTopics[j])})", CandidateTopics[j]))
            .ToArray();

        var z = new double[k][];
        for (var j = 0; j < k; j++)
        {
            z[j] = new double[columns];
            for (var i = 0; i < m; i++) z[j][i] = Beta[j, i];
            if (showPadding) z[j][m] = BetaPadding[j];
        }
        var heatmap = Trace("heatmap", ("x", x), ("y", y), ("z", z), ("xaxis", "x"), ("yaxis", "y"),
            ("colorscale", new object[] { new object[] { 0, "#fff7ec" }, new object[] { 0.5, "#fdbb84" }, new object[] { 1, "#d7301f" } }),
            ("zmin", 0), ("zmax", Math.Max(0.05, z.SelectMany(r => r.Take(m)).DefaultIfEmpty(0).Max())),
            ("texttemplate", "%{z:.2f}"), ("textfont", Obj(("size", 11))), ("showscale", false), ("xgap", 1), ("ygap", 1),
            ("hovertemplate", "candidate %{y}, click %{x}: β = %{z:.3f}<extra></extra>"));

        var alphaValues = Alpha is null ? new double[columns] : [.. Alpha, .. showPadding ? new[] { AlphaPadding } : []];
        var alphaColors = Enumerable.Range(0, columns).Select(i => TopicColors.Of(i < m ? ClickTopics[i] : 0)).ToArray();
        var alpha = Trace("bar", ("x", x), ("y", alphaValues), ("xaxis", "x"), ("yaxis", "y2"), ("marker", Obj(("color", alphaColors))),
            ("texttemplate", "%{y:.2f}"), ("textposition", "outside"), ("cliponaxis", false), ("showlegend", false),
            ("hovertemplate", "click %{x}: α = %{y:.3f}<extra></extra>"));

        var scores = Trace("bar", ("x", Scores), ("y", y), ("orientation", "h"), ("xaxis", "x2"), ("yaxis", "y"),
            ("marker", Obj(("color", CandidateTopics.Select(TopicColors.Of).ToArray()))),
            ("texttemplate", "%{x:.2f}"), ("textposition", "inside"), ("insidetextanchor", "end"), ("textfont", Obj(("color", "white"))),
            ("showlegend", false), ("hovertemplate", "candidate %{y}: score %{x:.3f}<extra></extra>"));

        var (graphTraces, graphArrows) = GraphParts();
        var chart = Plotly.NET.CSharp.Chart.Combine([heatmap, alpha, scores, .. graphTraces]);

        string Axis(string text) => $"<b>{text}</b>";
        var annotations = new List<object>
        {
            Title("global attention α (Eq. 8): one weight per click, the same for every candidate", 0, 0.985, "left"),
            Title("target attention β (Eq. 6): one row per candidate (top-k, best first), one column per click", 0, 0.665, "left"),
            Title("score (Eq. 11)", 0.665, 0.665, "center"),
            Title("session graph (colour = topic)", 0.875, 0.985, "center"),
        };
        if (Alpha is null) annotations.Add(Obj(("text", "this model's readout has no global attention"), ("xref", "paper"), ("yref", "paper"),
            ("x", 0.29), ("y", 0.85), ("showarrow", false), ("font", Obj(("color", TopicColors.None)))));
        annotations.AddRange(graphArrows);

        var height = Math.Max(560, 330 + 30 * k);
        chart = WithLayout(chart,
            ("title", Obj(("text", title ?? $"Session {string.Join(" → ", ClickIds)}: what TAGNN looks at"), ("x", 0.01), ("font", Obj(("size", 16))))),
            ("width", 1200), ("height", height), ("showlegend", false), ("bargap", 0.25),
            ("margin", Obj(("l", 150), ("r", 20), ("t", 70), ("b", 80))),
            ("xaxis", Obj(("domain", new[] { 0.0, 0.6 }), ("anchor", "y"), ("tickmode", "array"), ("tickvals", x), ("ticktext", clickTicks),
                ("range", new[] { 0.5, columns + 0.5 }), ("title", Obj(("text", Axis("click (position, item, topic)")))), ("showgrid", false))),
            ("yaxis", Obj(("domain", new[] { 0.0, 0.64 }), ("anchor", "x"), ("tickmode", "array"), ("tickvals", y), ("ticktext", candidateTicks),
                ("autorange", "reversed"), ("showgrid", false))),
            ("yaxis2", Obj(("domain", new[] { 0.72, 0.96 }), ("anchor", "x"), ("title", Obj(("text", "α"))), ("rangemode", "tozero"))),
            ("xaxis2", Obj(("domain", new[] { 0.62, 0.71 }), ("anchor", "y"), ("title", Obj(("text", Axis("score")))), ("zeroline", true))),
            ("xaxis3", Obj(("domain", new[] { 0.75, 1.0 }), ("anchor", "y3"), ("visible", false), ("range", new[] { -1.6, 1.6 }))),
            ("yaxis3", Obj(("domain", new[] { 0.0, 0.96 }), ("anchor", "x3"), ("visible", false), ("range", new[] { -1.9, 1.6 }),
                ("scaleanchor", "x3"), ("scaleratio", 1))),
            ("annotations", annotations.ToArray()),
            ("plot_bgcolor", "white"));
        return chart;

        static object Title(string text, double x, double y, string anchor) => Obj(("text", $"<b>{WebUtility.HtmlEncode(text)}</b>"),
            ("xref", "paper"), ("yref", "paper"), ("x", x), ("y", y), ("xanchor", anchor), ("yanchor", "bottom"),
            ("showarrow", false), ("font", Obj(("size", 12))));
    }

    /// <summary>The session graph as plotly traces (nodes on a circle in the order the session first visits them,
    /// coloured by topic, labelled with the item and the positions clicked) and arrow annotations (one per edge).</summary>
    private (List<GenericChart> Traces, List<object> Arrows) GraphParts()
    {
        var graph = SessionGraph.Build(Clicks);
        var order = graph.Alias.Take(Clicks.Count).Distinct().ToList();     // node indices, first visit first
        var position = new Dictionary<int, (double X, double Y)>();
        for (var j = 0; j < order.Count; j++)
        {
            var angle = Math.PI - 2 * Math.PI * j / order.Count;            // start on the left, go clockwise
            position[order[j]] = order.Count == 1 ? (0, 0) : (Math.Cos(angle), Math.Sin(angle));
        }
        var clicksAt = order.ToDictionary(n => n, n => Enumerable.Range(0, Clicks.Count).Where(i => graph.Alias[i] == n).Select(i => i + 1).ToList());
        var item = order.ToDictionary(n => n, n => Enumerable.Range(0, Clicks.Count).First(i => graph.Alias[i] == n));

        var nodes = Trace("scatter", ("mode", "markers+text"), ("xaxis", "x3"), ("yaxis", "y3"),
            ("x", order.Select(n => position[n].X).ToArray()), ("y", order.Select(n => position[n].Y).ToArray()),
            ("marker", Obj(("size", 44), ("color", order.Select(n => TopicColors.Of(ClickTopics[item[n]])).ToArray()),
                ("line", Obj(("color", "white"), ("width", 2))))),
            ("text", order.Select(n => $"<b>{WebUtility.HtmlEncode(ClickIds[item[n]])}</b>").ToArray()), ("textposition", "middle center"),
            ("textfont", Obj(("color", "white"), ("size", 11))), ("showlegend", false),
            ("hovertext", order.Select(n => $"item {ClickIds[item[n]]}, topic {ClickTopics[item[n]]}").ToArray()), ("hoverinfo", "text"));
        var captions = Trace("scatter", ("mode", "text"), ("xaxis", "x3"), ("yaxis", "y3"),
            ("x", order.Select(n => position[n].X).ToArray()), ("y", order.Select(n => position[n].Y - 0.3).ToArray()),
            ("text", order.Select(n => TopicColors.Colored((clicksAt[n].Count > 1 ? "clicks " : "click ") + string.Join(", ", clicksAt[n]), ClickTopics[item[n]])).ToArray()),
            ("textposition", "bottom center"), ("textfont", Obj(("size", 10))), ("showlegend", false), ("hoverinfo", "skip"));

        var edges = graph.Edges.ToHashSet();
        var arrows = new List<object>();
        foreach (var (from, to) in graph.Edges)
        {
            var p = position[from];
            if (from == to)
            {
                arrows.Add(Obj(("text", "↻"), ("xref", "x3"), ("yref", "y3"), ("x", p.X * 1.32), ("y", p.Y * 1.32 + (order.Count == 1 ? 0.35 : 0)),
                    ("showarrow", false), ("font", Obj(("size", 18), ("color", "#555")))));
                continue;
            }
            var q = position[to];
            // A pair of opposite edges: shift each sideways so that both arrows show.
            var shift = edges.Contains((to, from)) ? 0.07 : 0;
            var (dx, dy) = (q.X - p.X, q.Y - p.Y);
            var length = Math.Sqrt(dx * dx + dy * dy);
            var (nx, ny) = (dy / length * shift, -dx / length * shift);
            arrows.Add(Obj(("x", q.X + nx), ("y", q.Y + ny), ("ax", p.X + nx), ("ay", p.Y + ny), ("xref", "x3"), ("yref", "y3"),
                ("axref", "x3"), ("ayref", "y3"), ("showarrow", true), ("arrowhead", 2), ("arrowsize", 1.1), ("arrowwidth", 1.6),
                ("arrowcolor", "#555"), ("standoff", 23), ("startstandoff", 23), ("text", "")));
        }
        return ([nodes, captions], arrows);
    }

    private double[] Row(int k) => [.. Enumerable.Range(0, Clicks.Count).Select(i => Beta[k, i])];

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
