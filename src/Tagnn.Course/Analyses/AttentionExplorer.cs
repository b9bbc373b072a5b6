using Plotly.NET;
using Tagnn.Evaluation;
using Tagnn.Graphs;
using static TorchSharp.torch;

namespace Tagnn.Course;

/// <summary>
/// The attention explorer of notebook 10: many sessions in ONE figure, one shown at a time through a dropdown, each
/// with the linked views of <see cref="AttentionView"/> (target-attention heatmap, global attention, scores, session
/// graph; hovering a heatmap cell shows the candidate, the click, the weight and the candidate's score; the next click
/// is starred and outlined) and, with compared models (<see cref="AttentionProvider"/>), a side-by-side mode: TAGNN's
/// target attention beside each model's attention over the same clicks. The switching is plotly.js's own
/// (updatemenus), so it works in every notebook host and in the offline HTML pages.
/// </summary>
public sealed class AttentionExplorer
{
    private AttentionExplorer(IReadOnlyList<AttentionView> views, IReadOnlyList<string> labels, IReadOnlyList<AttentionProvider> providers,
        IReadOnlyList<IReadOnlyList<AttentionMap>> maps)
    {
        Views = views;
        Labels = labels;
        Providers = providers;
        Maps = maps;
    }

    /// <summary>One view per session, in the dropdown's order.</summary>
    public IReadOnlyList<AttentionView> Views { get; }

    /// <summary>The dropdown's label of each session.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The models compared side by side with TAGNN's target attention.</summary>
    public IReadOnlyList<AttentionProvider> Providers { get; }

    /// <summary>[session][provider]: each compared model's attention on each session, for TAGNN's candidates.</summary>
    public IReadOnlyList<IReadOnlyList<AttentionMap>> Maps { get; }

    /// <summary>Traces the figure draws per session: <see cref="AttentionFigure.TracesPerSession"/> plus two (heatmap
    /// and next-click outline) per compared model.</summary>
    public int TracesPerSession => AttentionFigure.TracesPerSession + 2 * Providers.Count;

    /// <summary>
    /// Reads TAGNN's views of <paramref name="sessions"/> and each compared model's attention on them.
    /// </summary>
    /// <param name="recommender">A TAGNN recommender (its model has target attention).</param>
    /// <param name="sessions">The sessions (e.g. from <see cref="Choose"/>).</param>
    /// <param name="topicByItem">Element i is the topic of item i.</param>
    /// <param name="k">Candidates per session: TAGNN's top k.</param>
    /// <param name="compare">Models to show side by side with TAGNN (none: linked views only).</param>
    public static AttentionExplorer Create(Recommender recommender, IEnumerable<ExplorerSession> sessions, IReadOnlyList<int> topicByItem,
        int k = 10, IReadOnlyList<AttentionProvider>? compare = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(sessions);
        var list = sessions.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one session is needed.", nameof(sessions));
        var views = list.Select(s => AttentionView.Create(recommender, s.Clicks, topicByItem, k, s.Target)).ToList();
        return FromViews(views, [.. list.Select(s => s.Label)], compare ?? []);
    }

    /// <summary>An explorer over views already read, each compared model's attention computed for their candidates.</summary>
    /// <param name="views">The sessions' views.</param>
    /// <param name="labels">One dropdown label per view.</param>
    /// <param name="compare">Models to show side by side with TAGNN.</param>
    public static AttentionExplorer FromViews(IReadOnlyList<AttentionView> views, IReadOnlyList<string> labels, IReadOnlyList<AttentionProvider> compare)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(compare);
        if (views.Count == 0) throw new ArgumentException("At least one view is needed.", nameof(views));
        if (labels.Count != views.Count) throw new ArgumentException($"{labels.Count} labels for {views.Count} views.", nameof(labels));
        var maps = views.Select(v => (IReadOnlyList<AttentionMap>)[.. compare.Select(p => p.Attend(v.Clicks, v.Candidates, v.Target))]).ToList();
        return new AttentionExplorer(views, labels, compare, maps);
    }

    /// <summary>
    /// The browsable figure: a dropdown of the sessions and, with compared models, buttons for the linked views and the
    /// side-by-side comparison. One set of <see cref="TracesPerSession"/> traces per session, in order.
    /// </summary>
    /// <param name="title">Figure title (default "Attention explorer").</param>
    public GenericChart Figure(string? title = null) => AttentionFigure.Build(Views, Labels, Providers, Maps, title);

    /// <summary>
    /// Picks instructive sessions: groups <paramref name="sessions"/> by the number of planted topics among the clicks
    /// (1, 2, 3 or more), by length (2-3, 4-6, 7 or more clicks) and by whether the model ranks the next click in its
    /// top <paramref name="k"/> (hit or miss), and takes from each group, in the list's order, the first session and,
    /// when there is one, the first whose next click returns to an earlier topic of the session (not the last
    /// click's). Groups come in the order topics, length, hit before miss.
    /// </summary>
    /// <param name="recommender">The model that ranks the next clicks.</param>
    /// <param name="sessions">Candidate sessions with their next click (e.g. <see cref="TopicAttention.LongestPrefixes"/>).</param>
    /// <param name="topicByItem">Element i is the topic of item i.</param>
    /// <param name="k">The top-k that counts as a hit.</param>
    /// <param name="batchSize">Sessions per forward pass when ranking.</param>
    public static IReadOnlyList<ExplorerSession> Choose(Recommender recommender, IReadOnlyList<(int[] Clicks, int Target)> sessions,
        IReadOnlyList<int> topicByItem, int k = 10, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(topicByItem);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var ranks = Ranks(recommender, sessions, batchSize);
        var described = sessions.Select((s, i) =>
        {
            var topics = s.Clicks.Select(v => topicByItem[v]).ToArray();
            var target = topicByItem[s.Target];
            var returns = target != topics[^1] && topics.Contains(target);
            return new ExplorerSession(i, s.Clicks, s.Target, topics.Distinct().Count(), ranks[i], ranks[i] <= k, returns);
        }).ToList();
        var chosen = new List<ExplorerSession>();
        foreach (var group in described
            .GroupBy(s => (Topics: Math.Min(s.Topics, 3), Length: s.Clicks.Length switch { <= 3 => 0, <= 6 => 1, _ => 2 }, s.Hit))
            .OrderBy(g => g.Key.Topics).ThenBy(g => g.Key.Length).ThenBy(g => g.Key.Hit ? 0 : 1))
        {
            var first = group.First();
            chosen.Add(first);
            if (!first.ReturnsToEarlierTopic && group.FirstOrDefault(s => s.ReturnsToEarlierTopic) is { } back) chosen.Add(back);
        }
        return chosen;
    }

    // The model's rank of each session's next click (1 = best, ties to the lower id).
    private static int[] Ranks(Recommender recommender, IReadOnlyList<(int[] Clicks, int Target)> sessions, int batchSize)
    {
        var model = recommender.Model;
        var ranks = new int[sessions.Count];
        var wasTraining = model.training;
        model.eval();
        try
        {
            for (var start = 0; start < sessions.Count; start += batchSize)
            {
                var chunk = Enumerable.Range(start, Math.Min(batchSize, sessions.Count - start)).Select(i => sessions[i]).ToList();
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var pad = Math.Max(recommender.PadLength, chunk.Max(s => s.Clicks.Length));
                using var batch = SessionBatch.FromSessions([.. chunk.Select(s => (IReadOnlyList<int>)s.Clicks)], pad, PaddingPolicy.Batch, model.Device);
                var targets = tensor(chunk.Select(s => (long)s.Target).ToArray(), device: model.Device);
                var values = RankingMetrics.Ranks(model.forward(batch), targets).cpu().data<long>().ToArray();
                for (var i = 0; i < values.Length; i++) ranks[start + i] = (int)values[i];
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return ranks;
    }
}
