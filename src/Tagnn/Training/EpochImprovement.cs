namespace Tagnn.Training;

/// <summary>Which metrics an epoch improved or tied.</summary>
/// <param name="HitRate">HR@20 reached a new best (or tied it).</param>
/// <param name="Mrr">MRR@20 reached a new best (or tied it).</param>
public sealed record EpochImprovement(bool HitRate, bool Mrr)
{
    /// <summary>Whether either improved (the reference's <c>flag</c>).</summary>
    public bool Any => HitRate || Mrr;
}
