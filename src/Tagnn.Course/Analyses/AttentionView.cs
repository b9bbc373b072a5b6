using System.Globalization;
using System.Net;
using Plotly.NET;
using Tagnn.Evaluation;
using static Tagnn.Course.PlotlyExtras;

namespace Tagnn.Course;

/// <summary>
/// One session seen through a trained TAGNN (notebook 10): its top-k recommendations, each candidate's target
/// attention beta over the clicks (Eq. 6), the global attention alpha (Eq. 8), the scores (Section 2.5: z_t = v_t^T s_t)
/// and the session graph, with every item labelled by its original id and coloured by its topic
/// (<see cref="TopicColors"/>), so the views can be read together. <see cref="AttentionExplorer"/> puts many of them in
/// one browsable figure.
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
    internal const double VisiblePadding = 0.005;

    /// <summary>The next click's original id ("" when unknown).</summary>
    public string TargetId { get; init; } = "";

    /// <summary>The next click's topic (0 when unknown).</summary>
    public int TargetTopic { get; init; }

    /// <summary>The model's rank of the next click among all items (1 = best, ties to the lower id; 0 when unknown).</summary>
    public int TargetRank { get; init; }

    /// <summary>Whether the model puts a softmax on alpha (the authors' TAGNN code does; Eq. 8 as printed and SR-GNN
    /// do not).</summary>
    public bool AlphaSoftmax { get; init; }

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
        var softmax = recommender.SessionModel.Config.GlobalSoftmax;
        var alphaPadding = attention.Alpha is { } a && softmax ? Math.Max(0, 1 - a.Sum()) : 0;
        if (target < 0 || target > recommender.Items.Count) throw new ArgumentOutOfRangeException(nameof(target), $"The next click {target} is not an id in 1..{recommender.Items.Count} (or 0).");
        return new AttentionView(
            session.ToArray(), session.Select(recommender.Items.OriginalId).ToArray(), session.Select(v => topicByItem[v]).ToArray(),
            candidates, candidates.Select(recommender.Items.OriginalId).ToArray(), candidates.Select(v => topicByItem[v]).ToArray(),
            attention.Scores, attention.Beta, Enumerable.Range(0, candidates.Length).Select(attention.PaddingShare).ToArray(),
            attention.Alpha, alphaPadding, target, padLength)
        {
            TargetId = target > 0 ? recommender.Items.OriginalId(target) : "",
            TargetTopic = target > 0 ? topicByItem[target] : 0,
            TargetRank = AttentionProvider.RankOf(recommender.Model, session, target, padLength),
            AlphaSoftmax = softmax,
        };
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
    /// the actual next click is starred and outlined. In the reference formulation a last column shows the attention
    /// on padding. With <paramref name="compare"/>, buttons switch to a side-by-side view of TAGNN's beta and each
    /// compared model's attention over the same clicks. The same drawing as <see cref="AttentionExplorer.Figure"/>,
    /// for one session.
    /// </summary>
    /// <param name="title">Figure title (default: "What TAGNN looks at").</param>
    /// <param name="compare">Models whose attention to show beside TAGNN's (e.g. <see cref="AttentionProvider.GlobalAttention"/>
    /// of an SR-GNN recommender).</param>
    public GenericChart Figure(string? title = null, IReadOnlyList<AttentionProvider>? compare = null) =>
        AttentionExplorer.FromViews([this], [$"{Clicks.Count} clicks"], compare ?? []).Figure(title);

    private double[] Row(int k) => [.. Enumerable.Range(0, Clicks.Count).Select(i => Beta[k, i])];

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
