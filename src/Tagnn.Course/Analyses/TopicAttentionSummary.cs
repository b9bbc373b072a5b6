namespace Tagnn.Course;

/// <summary>Averages over a set of <see cref="TopicAttentionPoint"/>s.</summary>
/// <param name="Pairs">Number of (session, candidate) pairs.</param>
/// <param name="MeanShare">Mean share of target attention on the candidate's own topic.</param>
/// <param name="MeanChance">Mean chance share (uniform attention).</param>
/// <param name="MeanGlobalShare">Mean share of the global attention alpha on the candidate's topic (null without alpha).</param>
/// <param name="AboveChance">Fraction of pairs whose share is above chance.</param>
public sealed record TopicAttentionSummary(int Pairs, double MeanShare, double MeanChance, double? MeanGlobalShare, double AboveChance)
{
    /// <summary>Mean share minus mean chance.</summary>
    public double MeanLift => MeanShare - MeanChance;

    /// <summary>Summarises <paramref name="points"/> (all zeros when there are none).</summary>
    public static TopicAttentionSummary Of(IEnumerable<TopicAttentionPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        if (list.Count == 0) return new TopicAttentionSummary(0, 0, 0, null, 0);
        double? global = list.All(p => p.GlobalShare is not null) ? list.Average(p => p.GlobalShare!.Value) : null;
        return new TopicAttentionSummary(list.Count, list.Average(p => p.Share), list.Average(p => p.Chance), global,
            list.Count(p => p.Share > p.Chance) / (double)list.Count);
    }
}
