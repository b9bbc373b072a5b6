using Tagnn.Training;

namespace Tagnn.Tests.Training;

public sealed class BestResultsTests
{
    [Fact]
    public void Keeps_the_best_P20_and_MRR20_separately_and_a_tie_moves_the_epoch()
    {
        var best = new BestResults();
        best.Observe(0, 40, 20);
        best.Observe(1, 45, 18);   // P@20 improves, MRR@20 does not
        best.Observe(2, 44, 21);   // MRR@20 improves
        best.Observe(3, 45, 19);   // P@20 ties: counts, and the best P@20 epoch becomes 3
        Assert.Equal((45.0, 3), (best.BestHitRate, best.BestHitRateEpoch));
        Assert.Equal((21.0, 2), (best.BestMrr, best.BestMrrEpoch));
        Assert.Equal(0, best.BadEpochs);
    }

    [Fact]
    public void Patience_counts_non_improving_epochs_and_never_resets()
    {
        var best = new BestResults();
        Assert.True(best.Observe(0, 50, 20).Any);
        Assert.False(best.Observe(1, 49, 19).Any);         // bad 1
        Assert.False(best.ShouldStop(3));
        Assert.True(best.Observe(2, 51, 10).HitRate);       // improves: the counter is NOT reset
        Assert.Equal(1, best.BadEpochs);
        Assert.False(best.Observe(3, 50, 19.5).Any);       // bad 2
        Assert.False(best.ShouldStop(3));
        Assert.False(best.Observe(4, 50, 19.9).Any);       // bad 3
        Assert.True(best.ShouldStop(3));                    // bad_counter >= patience
        Assert.Equal(3, best.BadEpochs);
    }

    [Fact]
    public void A_tie_on_either_metric_is_an_improvement()
    {
        var best = new BestResults();
        best.Observe(0, 50, 20);
        var tie = best.Observe(1, 50, 10);
        Assert.True(tie.HitRate);
        Assert.False(tie.Mrr);
        Assert.Equal(0, best.BadEpochs);
    }

    [Fact]
    public void State_round_trips()
    {
        var best = new BestResults();
        best.Observe(0, 50, 20);
        best.Observe(1, 40, 10);
        var copy = new BestResults(best.State);
        Assert.Equal(best.State, copy.State);
        Assert.Equal(best.Observe(2, 55, 5), copy.Observe(2, 55, 5));
        Assert.Equal(best.State, copy.State);
    }
}
