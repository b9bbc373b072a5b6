using System.Globalization;
using Plotly.NET;
using static Tagnn.Course.PlotlyExtras;

namespace Tagnn.Course;

/// <summary>
/// Draws the attention explorer (<see cref="AttentionExplorer"/>, and <see cref="AttentionView.Figure"/> for one
/// session): per session one set of traces (the target-attention heatmap and its next-click outline, the global
/// attention bars, the scores, the session graph, and one heatmap and outline per compared model), all but the first
/// session's hidden. A dropdown shows one session (trace visibility and that session's tick labels and titles); two
/// buttons switch between the linked views and the side-by-side comparison (axis domains and trace opacity). The two
/// controls change disjoint attributes, so they combine in any order, with plotly.js alone: no script of ours runs,
/// and the figure behaves the same in VS Code, Jupyter, dotnet-repl's output and the course's offline HTML pages.
/// </summary>
internal static class AttentionFigure
{
    /// <summary>Traces per session before the compared models' (two each: heatmap and outline).</summary>
    public const int TracesPerSession = 8;

    // Linked views: heatmap | scores | graph. Side by side: heatmap | scores | one panel per compared model.
    private static readonly double[] LinkedHeatmap = [0, 0.56], LinkedScores = [0.58, 0.68], LinkedGraph = [0.72, 1.0], Hidden = [0.999, 1.0];

    // A hidden panel's axis shows a range far from its data, so that nothing of it is drawn (a heatmap's cell labels
    // ignore the trace's opacity); the graph's own range when shown.
    private static readonly double[] OffScreen = [1000, 1001], GraphRange = [-1.6, 1.6];
    // (plotly.js resets a domain narrower than 1/4096 to [0, 1], so "hidden" is a sliver at the right edge, and the
    // traces drawn there are transparent.)
    private const double HeatmapTop = 0.64, TitleY = 0.655, AlphaBottom = 0.75, AlphaTop = 0.95, ScoresWidth = 0.07, Gap = 0.03;

    private static readonly object[] Sequential = [new object[] { 0, "#fff7ec" }, new object[] { 0.5, "#fdbb84" }, new object[] { 1, "#d7301f" }];
    private static readonly object[] Diverging = [new object[] { 0, "#2166ac" }, new object[] { 0.5, "#f7f7f7" }, new object[] { 1, "#b2182b" }];

    /// <summary>The figure. <paramref name="maps"/>[s][p] is provider p's attention for session s.</summary>
    public static GenericChart Build(IReadOnlyList<AttentionView> views, IReadOnlyList<string> labels,
        IReadOnlyList<AttentionProvider> providers, IReadOnlyList<IReadOnlyList<AttentionMap>> maps, string? title)
    {
        if (views.Count == 0) throw new ArgumentException("At least one session is needed.", nameof(views));
        int sessions = views.Count, compared = providers.Count, per = TracesPerSession + 2 * compared;
        var k = views.Max(v => v.Candidates.Count);
        var menus = sessions > 1 || compared > 0;
        var traces = new List<GenericChart>(sessions * per);
        var updates = new List<DynamicObj.DynamicObj>(sessions);
        for (var s = 0; s < sessions; s++)
        {
            var (sessionTraces, update) = Session(views[s], s, sessions, labels[s], providers, maps[s], title);
            if (sessionTraces.Count != per) throw new InvalidOperationException($"Session {s} drew {sessionTraces.Count} traces, expected {per}.");
            traces.AddRange(sessionTraces.Select(t => SetTrace(t, "visible", s == 0)));
            updates.Add(update);
        }
        // Linked mode first: the compared models' panels are transparent.
        var linked = Opacities(sessions, compared, side: false);
        for (var i = 0; i < traces.Count; i++) traces[i] = SetTrace(traces[i], "opacity", linked[i]);

        var annotations = new List<object>
        {
            Title(views[0].AlphaSoftmax
                ? "global attention α (Eq. 8 with the code's softmax): one weight per click, the same for every candidate"
                : "global attention α (Eq. 8 as printed, no softmax): one weight per click, the same for every candidate", 0, AlphaTop + 0.01, "left"),
            Title("TAGNN: target attention β (Eq. 6)<br>one row per candidate (top k, best first), one column per click", 0, TitleY, "left"),
            Title("score<br>(Section 2.5)", Centre(LinkedScores), TitleY, "center"),
            Title("session graph (colour = topic)", Centre(LinkedGraph), AlphaTop + 0.01, "center"),
        };
        annotations.AddRange(providers.Select(p => Title(p.Name, 0, TitleY, "left", visible: false)));
        if (views[0].Alpha is null)
            annotations.Add(Obj(("text", "this model's readout has no global attention"), ("xref", "paper"), ("yref", "paper"),
                ("x", 0.28), ("y", 0.85), ("showarrow", false), ("font", Obj(("color", TopicColors.None)))));

        var layout = Obj(
            ("width", 1160), ("height", Math.Max(620, (menus ? 410 : 370) + 30 * k)), ("showlegend", false), ("bargap", 0.25),
            ("margin", Obj(("l", 150), ("r", 20), ("t", menus ? 130 : 80), ("b", 90))),
            ("title", Obj(("x", 0.01), ("xanchor", "left"), ("y", 0.975), ("yref", "container"), ("yanchor", "top"), ("font", Obj(("size", 16))))),
            ("xaxis", Obj(("domain", LinkedHeatmap), ("anchor", "y"), ("tickmode", "array"), ("showgrid", false),
                ("title", Obj(("text", "<b>click (position, item, topic)</b>"))))),
            ("yaxis", Obj(("domain", new[] { 0.0, HeatmapTop }), ("anchor", "x"), ("tickmode", "array"), ("tickvals", Enumerable.Range(1, k).ToArray()),
                ("range", new[] { k + 0.5, 0.5 }), ("showgrid", false))),
            ("yaxis2", Obj(("domain", new[] { AlphaBottom, AlphaTop }), ("anchor", "x"), ("title", Obj(("text", "α"))))),
            ("xaxis2", Obj(("domain", LinkedScores), ("anchor", "y"), ("title", Obj(("text", "<b>score</b>"))), ("zeroline", true))),
            ("xaxis3", Obj(("domain", LinkedGraph), ("anchor", "y3"), ("visible", false), ("range", GraphRange))),
            ("yaxis3", Obj(("domain", new[] { 0.0, AlphaTop }), ("anchor", "x3"), ("visible", false), ("range", new[] { -1.9, 1.6 }),
                ("scaleanchor", "x3"), ("scaleratio", 1))),
            ("annotations", annotations.ToArray()),
            ("plot_bgcolor", "white"));
        for (var p = 0; p < compared; p++)
        {
            layout.SetProperty($"xaxis{4 + p}", Obj(("domain", Hidden), ("anchor", "y"), ("visible", false), ("tickmode", "array"), ("showgrid", false),
                ("range", OffScreen), ("title", Obj(("text", "<b>click</b>")))));
        }
        // The first session's tick labels and titles are the initial state.
        foreach (var property in updates[0].GetProperties(true)) Apply(layout, property.Key, property.Value);

        var controls = new List<object>();
        if (sessions > 1)
        {
            controls.Add(Obj(("type", "dropdown"), ("direction", "down"), ("active", 0), ("showactive", true),
                ("x", 0.0), ("xanchor", "left"), ("y", 1.0), ("yanchor", "bottom"), ("pad", Obj(("b", 22))),
                ("bgcolor", "#f7f7f7"), ("font", Obj(("size", 12))),
                ("buttons", Enumerable.Range(0, sessions).Select(s => Obj(("label", labels[s]), ("method", "update"),
                    ("args", new object[] { Obj(("visible", Visibility(sessions, per, s))), updates[s] }))).ToArray())));
        }
        if (compared > 0)
        {
            var names = string.Join(", ", providers.Select(p => p.Name));
            controls.Add(Obj(("type", "buttons"), ("direction", "left"), ("active", 0), ("showactive", true),
                ("x", 1.0), ("xanchor", "right"), ("y", 1.0), ("yanchor", "bottom"), ("pad", Obj(("b", 22))), ("font", Obj(("size", 12))),
                ("buttons", new object[]
                {
                    Obj(("label", "linked views"), ("method", "update"),
                        ("args", new object[] { Obj(("opacity", linked)), ModeLayout(compared, side: false) })),
                    Obj(("label", $"side by side: TAGNN β vs {names}"), ("method", "update"),
                        ("args", new object[] { Obj(("opacity", Opacities(sessions, compared, side: true))), ModeLayout(compared, side: true) })),
                })));
        }
        if (controls.Count > 0) layout.SetProperty("updatemenus", controls.ToArray());
        return WithLayout(Plotly.NET.CSharp.Chart.Combine(traces), [.. layout.GetProperties(true).Select(p => (p.Key, (object?)p.Value))]);
    }

    /// <summary>Which traces the dropdown shows for session <paramref name="shown"/>.</summary>
    internal static bool[] Visibility(int sessions, int per, int shown) =>
        [.. Enumerable.Range(0, sessions * per).Select(i => i / per == shown)];

    // One session's traces, and the layout changes (dotted plotly.js paths) that show its labels.
    private static (List<GenericChart> Traces, DynamicObj.DynamicObj Update) Session(AttentionView v, int index, int sessions, string label,
        IReadOnlyList<AttentionProvider> providers, IReadOnlyList<AttentionMap> maps, string? title)
    {
        int m = v.Clicks.Count, k = v.Candidates.Count;
        var showPadding = v.AlphaPadding > AttentionView.VisiblePadding || v.BetaPadding.Any(p => p > AttentionView.VisiblePadding);
        var columns = m + (showPadding ? 1 : 0);
        var x = Enumerable.Range(1, columns).ToArray();
        var y = Enumerable.Range(1, k).ToArray();
        var targetRow = Enumerable.Range(0, k).FirstOrDefault(j => v.Candidates[j] == v.Target, -1);
        string Click(int i) => $"{i + 1}: {Text(v.ClickIds[i])} ({TopicColors.Label(v.ClickTopics[i])})";
        string Candidate(int j) => $"{j + 1}. {Text(v.CandidateIds[j])} ({TopicColors.Label(v.CandidateTopics[j])})";

        var z = new double[k][];
        var hover = new string[k][];
        for (var j = 0; j < k; j++)
        {
            z[j] = new double[columns];
            hover[j] = new string[columns];
            var star = v.Candidates[j] == v.Target ? " ★ the next click" : "";
            for (var i = 0; i < columns; i++)
            {
                var padding = i == m;
                z[j][i] = R(padding ? v.BetaPadding[j] : v.Beta[j, i]);
                hover[j][i] = $"candidate {Candidate(j)}{star}<br>score {F(v.Scores[j])}<br>" +
                    (padding ? $"padding (×{v.PadLength - m} positions)" : $"click {Click(i)}") + $"<br>β = {F(z[j][i], "0.000")}";
            }
        }
        var traces = new List<GenericChart>
        {
            Trace("heatmap", ("x", x), ("y", y), ("z", z), ("xaxis", "x"), ("yaxis", "y"), ("colorscale", Sequential),
                ("zmin", 0), ("zmax", Math.Max(0.05, z.SelectMany(r => r.Take(m)).DefaultIfEmpty(0).Max())),
                ("texttemplate", "%{z:.2f}"), ("textfont", Obj(("size", 11))), ("showscale", false), ("xgap", 1), ("ygap", 1),
                ("text", hover), ("hovertemplate", "%{text}<extra></extra>"), ("name", "target attention")),
            Outline(targetRow, columns, "x", "y"),
        };

        var alphaValues = v.Alpha is null ? new double[columns] : [.. v.Alpha.Select(R), .. showPadding ? new[] { R(v.AlphaPadding) } : []];
        var (alphaLow, alphaHigh) = (Math.Min(0, alphaValues.Min()), Math.Max(0.05, alphaValues.Max()));
        traces.Add(Trace("bar", ("x", x), ("y", alphaValues), ("xaxis", "x"), ("yaxis", "y2"),
            ("marker", Obj(("color", Enumerable.Range(0, columns).Select(i => TopicColors.Of(i < m ? v.ClickTopics[i] : 0)).ToArray()))),
            ("texttemplate", "%{y:.2f}"), ("textposition", "outside"), ("cliponaxis", false), ("showlegend", false),
            ("text", Enumerable.Range(0, columns).Select(i => i < m ? $"click {Click(i)}" : "padding").ToArray()),
            ("hovertemplate", "%{text}: α = %{y:.3f}<extra></extra>"), ("name", "global attention")));
        traces.Add(Trace("bar", ("x", v.Scores.Select(R).ToArray()), ("y", y), ("orientation", "h"), ("xaxis", "x2"), ("yaxis", "y"),
            ("marker", Obj(("color", v.CandidateTopics.Select(TopicColors.Of).ToArray()),
                ("line", Obj(("color", "#111"), ("width", y.Select(j => j - 1 == targetRow ? 3 : 0).ToArray()))))),
            ("texttemplate", "%{x:.2f}"), ("textposition", "inside"), ("insidetextanchor", "end"), ("textfont", Obj(("color", "white"))),
            ("text", Enumerable.Range(0, k).Select(j => Candidate(j) + (j == targetRow ? " ★ the next click" : "")).ToArray()),
            ("showlegend", false), ("hovertemplate", "%{text}: score %{x:.3f}<extra></extra>"), ("name", "scores")));
        traces.AddRange(SessionGraphTraces.Build(v.Clicks, v.ClickIds, v.ClickTopics, "x3", "y3"));

        var update = new DynamicObj.DynamicObj();
        for (var p = 0; p < providers.Count; p++)
        {
            var map = maps[p];
            var axis = $"x{4 + p}";
            var pz = new double[k][];
            var ph = new string[k][];
            var rankText = map.TargetRank > 0 ? $"next click: rank {map.TargetRank}" : "";
            for (var j = 0; j < k; j++)
            {
                pz[j] = new double[m];
                ph[j] = new string[m];
                for (var i = 0; i < m; i++)
                {
                    pz[j][i] = R(map.Weight(j, i));
                    ph[j][i] = $"{Text(providers[p].Name)} · candidate {Candidate(j)}" +
                        (v.Candidates[j] == v.Target ? " ★ the next click" : "") + $"<br>{Text(providers[p].Name)} score {F(map.Scores[j])}" +
                        $"<br>click {Click(i)}<br>weight = {F(pz[j][i], "0.000")}" + (map.PerCandidate ? "" : " (the same for every candidate)");
                }
            }
            var values = pz.SelectMany(r => r).DefaultIfEmpty(0).ToList();
            traces.Add(Trace("heatmap", ("x", Enumerable.Range(1, m).ToArray()), ("y", y), ("z", pz), ("xaxis", axis), ("yaxis", "y"),
                ("colorscale", map.IsDistribution ? Sequential : Diverging),
                ("zmin", map.IsDistribution ? 0 : -values.Max(Math.Abs)), ("zmax", map.IsDistribution ? Math.Max(0.05, values.Max()) : values.Max(Math.Abs)),
                ("texttemplate", "%{z:.2f}"), ("textfont", Obj(("size", 11))), ("showscale", false), ("xgap", 1), ("ygap", 1),
                ("text", ph), ("hovertemplate", "%{text}<extra></extra>"), ("name", providers[p].Name)));
            traces.Add(Outline(targetRow, m, axis, "y"));
            update.SetProperty($"xaxis{4 + p}.tickvals", Enumerable.Range(1, m).ToArray());
            update.SetProperty($"xaxis{4 + p}.ticktext", Enumerable.Range(0, m).Select(i =>
                $"{TopicColors.Colored((i + 1).ToString(CultureInfo.InvariantCulture), v.ClickTopics[i])}<br>{TopicColors.Colored(v.ClickIds[i], v.ClickTopics[i])}").ToArray());
            // Name and description, then one short line per fact, so that several narrow panels side by side do not
            // run into each other's titles.
            update.SetProperty($"annotations[{4 + p}].text", $"<b>{Text(providers[p].Name)}</b><br>{Text(providers[p].Description)}<br>" +
                (map.PerCandidate ? "one row per candidate" : "the same row for every candidate") +
                (map.IsDistribution ? "" : "<br>" + Text("raw weights (blue < 0 < red)")) + (rankText.Length > 0 ? $"<br>{rankText}" : ""));
        }

        var clickTicks = Enumerable.Range(0, m)
            .Select(i => $"<b>{TopicColors.Colored((i + 1).ToString(CultureInfo.InvariantCulture), v.ClickTopics[i])}</b><br>" +
                         $"{TopicColors.Colored(v.ClickIds[i], v.ClickTopics[i])}<br>{TopicColors.Colored(TopicColors.Label(v.ClickTopics[i]), v.ClickTopics[i])}")
            .ToList();
        if (showPadding) clickTicks.Add(TopicColors.Colored("pad", 0) + "<br>" + TopicColors.Colored($"×{v.PadLength - m}", 0));
        update.SetProperty("yaxis2.range", new[] { alphaLow * 1.3, alphaHigh * 1.3 });   // room for the bars' labels
        update.SetProperty("xaxis.tickvals", x);
        update.SetProperty("xaxis.ticktext", clickTicks.ToArray());
        update.SetProperty("xaxis.range", new[] { 0.5, columns + 0.5 });
        update.SetProperty("yaxis.ticktext", Enumerable.Range(0, k)
            .Select(j => (j == targetRow ? "★ " : "") + TopicColors.Colored($"{j + 1}. {v.CandidateIds[j]} ({TopicColors.Label(v.CandidateTopics[j])})", v.CandidateTopics[j]))
            .ToArray());
        update.SetProperty("title.text", Heading(v, index, sessions, label, title, k));
        return (traces, update);
    }

    private static string Heading(AttentionView v, int index, int sessions, string label, string? title, int k)
    {
        var session = string.Join(" → ", v.Clicks.Select((_, i) => TopicColors.Colored(v.ClickIds[i], v.ClickTopics[i])));
        string next;
        if (v.Target <= 0) next = "";
        else
        {
            var target = TopicColors.Colored($"{v.TargetId} ({TopicColors.Label(v.TargetTopic)})", v.TargetTopic);
            next = v.TargetRank is > 0 and var r && r <= k
                ? $" · next click ★ {target}: TAGNN ranks it {r} (a hit in the top {k})"
                : $" · next click {target}: TAGNN ranks it {v.TargetRank} (a miss: not in the top {k})";
        }
        var main = title ?? (sessions > 1 ? "Attention explorer" : "What TAGNN looks at");
        var which = sessions > 1 ? $"session {index + 1} of {sessions} ({Text(label)}): " : "";
        return $"{Text(main)}<br><sup>{which}{session}{next}</sup>";
    }

    private static GenericChart Outline(int row, int columns, string xAxis, string yAxis)
    {
        double[] xs = row < 0 ? [] : [0.5, columns + 0.5, columns + 0.5, 0.5, 0.5];
        double[] ys = row < 0 ? [] : [row + 0.5, row + 0.5, row + 1.5, row + 1.5, row + 0.5];
        return Trace("scatter", ("mode", "lines"), ("x", xs), ("y", ys), ("xaxis", xAxis), ("yaxis", yAxis),
            ("line", Obj(("color", "#111"), ("width", 3))), ("hoverinfo", "skip"), ("showlegend", false), ("name", "the next click"));
    }

    // Per trace: 1 where the mode shows it. Linked: everything but the compared panels; side by side: everything but the graph.
    private static double[] Opacities(int sessions, int compared, bool side)
    {
        var per = TracesPerSession + 2 * compared;
        return [.. Enumerable.Range(0, sessions * per).Select(i => (i % per) switch
        {
            < 4 => 1.0,
            < TracesPerSession => side ? 0 : 1,
            _ => side ? 1 : 0,
        })];
    }

    private static DynamicObj.DynamicObj ModeLayout(int compared, bool side)
    {
        var layout = new DynamicObj.DynamicObj();
        var width = (1 - 0.01 - ScoresWidth - compared * Gap) / (1 + compared);
        double[] heatmap = side ? [0, width] : LinkedHeatmap;
        double[] scores = side ? [width + 0.01, width + 0.01 + ScoresWidth] : LinkedScores;
        layout.SetProperty("xaxis.domain", heatmap);
        layout.SetProperty("xaxis2.domain", scores);
        layout.SetProperty("xaxis3.domain", side ? Hidden : LinkedGraph);
        layout.SetProperty("xaxis3.range", side ? OffScreen : GraphRange);
        layout.SetProperty("annotations[2].x", Centre(scores));
        layout.SetProperty("annotations[3].visible", !side);
        for (var p = 0; p < compared; p++)
        {
            var start = scores[1] + Gap + p * (width + Gap);
            layout.SetProperty($"xaxis{4 + p}.domain", side ? new[] { start, Math.Min(1, start + width) } : Hidden);
            layout.SetProperty($"xaxis{4 + p}.visible", side);
            // Side by side the range follows the session shown (plotly.js recomputes it when the dropdown changes it).
            if (side) layout.SetProperty($"xaxis{4 + p}.autorange", true);
            else layout.SetProperty($"xaxis{4 + p}.range", OffScreen);
            layout.SetProperty($"annotations[{4 + p}].x", side ? start : 0);
            layout.SetProperty($"annotations[{4 + p}].visible", side);
        }
        return layout;
    }

    // Sets a dotted plotly.js path ("xaxis.ticktext", "annotations[4].text") on a layout built of DynamicObjs, as
    // Plotly.relayout would.
    private static void Apply(DynamicObj.DynamicObj layout, string path, object value)
    {
        var parts = path.Split('.');
        var target = layout;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var part = parts[i];
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                var index = int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture);
                var array = (object[])Get(target, part[..bracket])!;
                target = (DynamicObj.DynamicObj)array[index];
                continue;
            }
            if (Get(target, part) is not DynamicObj.DynamicObj next)
            {
                next = new DynamicObj.DynamicObj();
                target.SetProperty(part, next);
            }
            target = next;
        }
        target.SetProperty(parts[^1], value);
    }

    private static object? Get(DynamicObj.DynamicObj obj, string name) =>
        obj.TryGetPropertyValue(name) is { } option && Microsoft.FSharp.Core.OptionModule.IsSome(option) ? option.Value : null;

    private static object Title(string html, double x, double y, string anchor, bool visible = true) => Obj(("text", html.Contains("<b>", StringComparison.Ordinal) ? html : $"<b>{html}</b>"),
        ("xref", "paper"), ("yref", "paper"), ("x", x), ("y", y), ("xanchor", anchor), ("yanchor", "bottom"), ("align", anchor == "center" ? "center" : "left"),
        ("showarrow", false), ("font", Obj(("size", 12))), ("visible", visible));

    private static double Centre(double[] domain) => (domain[0] + domain[1]) / 2;

    private static double R(double value) => Math.Round(value, 4);

    private static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
