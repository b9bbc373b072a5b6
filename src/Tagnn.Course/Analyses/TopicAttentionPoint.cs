namespace Tagnn.Course;

/// <summary>
/// One (session, candidate) pair of a <see cref="TopicAttention"/> measurement: how much of the candidate's target
/// attention falls on clicks of its own topic, next to what a uniform attention would give.
/// </summary>
/// <param name="Session">Index of the session in the list measured.</param>
/// <param name="Rank">The candidate's rank among the model's top-k for the session (1 = best).</param>
/// <param name="Candidate">The candidate item (1..N).</param>
/// <param name="Topic">The candidate's topic.</param>
/// <param name="Share">Share of the candidate's target attention (beta, Eq. 6) on the session's clicks of its topic,
/// out of the attention on all the session's clicks (padding positions left out).</param>
/// <param name="Chance">Share of the session's clicks in the candidate's topic: what <paramref name="Share"/> is when
/// every click gets the same weight.</param>
/// <param name="GlobalShare">The same share for the global attention alpha (Eq. 8), which is the same for every
/// candidate (a control: attention that does not look at the candidate); null when the readout has no alpha.</param>
/// <param name="LastClickTopic">Whether the session's last click is in the candidate's topic.</param>
/// <param name="IsTarget">Whether the candidate is the session's next click.</param>
public sealed record TopicAttentionPoint(int Session, int Rank, int Candidate, int Topic, double Share, double Chance,
    double? GlobalShare, bool LastClickTopic, bool IsTarget)
{
    /// <summary><see cref="Share"/> minus <see cref="Chance"/>: above 0, the candidate attends to its own topic more
    /// than a uniform attention would.</summary>
    public double Lift => Share - Chance;
}
