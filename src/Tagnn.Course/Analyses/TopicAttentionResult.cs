namespace Tagnn.Course;

/// <summary>What <see cref="TopicAttention.Measure"/> found.</summary>
/// <param name="Points">One point per (session, candidate) pair whose topic is in the session but not all of it.</param>
/// <param name="Sessions">Sessions measured.</param>
/// <param name="Candidates">Candidates looked at (sessions x k).</param>
/// <param name="TopicNotInSession">Candidates left out because none of the session's clicks is in their topic (the
/// share is then 0 whatever the attention does).</param>
/// <param name="SessionAllInTopic">Candidates left out because every click of the session is in their topic (the
/// share is then 1 whatever the attention does).</param>
public sealed record TopicAttentionResult(IReadOnlyList<TopicAttentionPoint> Points, int Sessions, int Candidates,
    int TopicNotInSession, int SessionAllInTopic)
{
    /// <summary>The candidates of each session, in the order measured (the model's top-k, best first, or the lists
    /// passed in): pass them to <see cref="TopicAttention.Measure"/> to measure another model on the same pairs.</summary>
    public IReadOnlyList<int[]> CandidateLists { get; init; } = [];

    /// <summary>The mean share of target attention on padding positions over every candidate measured (the reference
    /// formulation's softmax runs over the padding; 0 when it runs over the clicks only).</summary>
    public double MeanPaddingShare { get; init; }

    /// <summary>Averages over every point.</summary>
    public TopicAttentionSummary Summary => TopicAttentionSummary.Of(Points);

    /// <summary>Averages over the points that satisfy <paramref name="predicate"/>.</summary>
    public TopicAttentionSummary SummaryOf(Func<TopicAttentionPoint, bool> predicate) =>
        TopicAttentionSummary.Of(Points.Where(predicate));
}
