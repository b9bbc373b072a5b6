namespace Tagnn.Training;

/// <summary>
/// The reference's bookkeeping of the best results and its patience counter, as its main loop does it:
/// <code>
/// flag = 0
/// if hit &gt;= best_hit: best_hit, best_hit_epoch, flag = hit, epoch, 1
/// if mrr &gt;= best_mrr: best_mrr, best_mrr_epoch, flag = 1
/// bad_counter += 1 - flag
/// if bad_counter &gt;= patience: stop
/// </code>
/// A tie counts as an improvement (and moves the best epoch to the later one); the counter counts every epoch that
/// improved neither metric and is never reset.
/// </summary>
public sealed class BestResults
{
    /// <summary>Starts with no epoch seen (the reference starts its bests at 0).</summary>
    public BestResults() { }

    /// <summary>Restores a saved state.</summary>
    public BestResults(BestResultsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        (BestHitRate, BestHitRateEpoch, BestMrr, BestMrrEpoch, BadEpochs) =
            (state.BestHitRate, state.BestHitRateEpoch, state.BestMrr, state.BestMrrEpoch, state.BadEpochs);
    }

    /// <summary>The best HR@20 (P@20) so far, in percent (0 before the first epoch).</summary>
    public double BestHitRate { get; private set; }

    /// <summary>The (latest) epoch that reached <see cref="BestHitRate"/>; -1 before the first epoch.</summary>
    public int BestHitRateEpoch { get; private set; } = -1;

    /// <summary>The best MRR@20 so far, in percent.</summary>
    public double BestMrr { get; private set; }

    /// <summary>The (latest) epoch that reached <see cref="BestMrr"/>; -1 before the first epoch.</summary>
    public int BestMrrEpoch { get; private set; } = -1;

    /// <summary>Epochs that improved neither metric (the reference's <c>bad_counter</c>).</summary>
    public int BadEpochs { get; private set; }

    /// <summary>Records an epoch's results; returns whether it improved (or tied) at least one of them.</summary>
    public EpochImprovement Observe(int epoch, double hitRate, double mrr)
    {
        var hit = hitRate >= BestHitRate;
        if (hit) (BestHitRate, BestHitRateEpoch) = (hitRate, epoch);
        var reciprocal = mrr >= BestMrr;
        if (reciprocal) (BestMrr, BestMrrEpoch) = (mrr, epoch);
        if (!hit && !reciprocal) BadEpochs++;
        return new EpochImprovement(hit, reciprocal);
    }

    /// <summary>Whether the reference would stop now: <c>bad_counter &gt;= patience</c>.</summary>
    public bool ShouldStop(int patience) => BadEpochs >= patience;

    /// <summary>The state, for checkpoints.</summary>
    public BestResultsState State => new(BestHitRate, BestHitRateEpoch, BestMrr, BestMrrEpoch, BadEpochs);
}
