using Tagnn.Data;
using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

public sealed class PopularityBaselinesTests
{
    // BaselineData.Four: clicks 1:1, 2:3, 3:2, 4:1, 5:2, 6:1, so the popularity order is 2, 3, 5, 1, 4, 6
    // (3 and 5 tie at 2 clicks, 1, 4 and 6 at 1: lower id first).

    [Fact]
    public void POP_ranks_every_prefix_by_training_clicks()
    {
        var pop = (PopularityBaseline)new PopSpec().Fit(BaselineData.Four, 6);
        Assert.Equal([2, 3, 5, 1, 4, 6], pop.Top(6));
        var scores = BaselineData.Score(pop, 6, 6, 4);
        Assert.Equal(0, scores.Count);
        Assert.Equal([2, 3, 5, 1, 4, 6], SparseRanking.Top(scores, 6, pop.TieOrder));
        Assert.Equal(4, SparseRanking.Rank(scores, 1, pop.TieOrder));
    }

    [Fact]
    public void S_POP_ranks_the_session_items_by_their_count_then_everything_by_popularity()
    {
        var spop = new SpopSpec().Fit(BaselineData.Four, 6);
        // [4, 1, 4]: item 4 twice, item 1 once; then the unclicked items by popularity: 2, 3, 5, 6.
        var scores = BaselineData.Score(spop, 4, 1, 4);
        Assert.Equal(2.0, scores[4]);
        Assert.Equal(1.0, scores[1]);
        Assert.Equal([4, 1, 2, 3, 5, 6], SparseRanking.Top(scores, 6, spop.TieOrder));
        Assert.Equal(2, SparseRanking.Rank(scores, 1, spop.TieOrder));
        Assert.Equal(4, SparseRanking.Rank(scores, 3, spop.TieOrder));
        Assert.Equal(6, SparseRanking.Rank(scores, 6, spop.TieOrder));

        // [6, 3]: both clicked once; the tie goes to the more popular 3 (2 clicks against 1), not to the lower id.
        scores = BaselineData.Score(spop, 6, 3);
        Assert.Equal([3, 6, 2, 5, 1, 4], SparseRanking.Top(scores, 6, spop.TieOrder));
        // [6, 1]: tied in the session and in popularity (1 click each): the lower id.
        scores = BaselineData.Score(spop, 6, 1);
        Assert.Equal([1, 6, 2, 3, 5, 4], SparseRanking.Top(scores, 6, spop.TieOrder));
    }

    [Fact]
    public void S_POP_evaluates_through_the_shared_metrics()
    {
        var spop = new SpopSpec().Fit(BaselineData.Four, 6);
        // [5, 5, 2] -> 5, 2, 3, 1, 4, 6: target 2 at rank 2.  [6] -> 6, 2, 3, 5, ...: target 3 at rank 3.
        var test = SessionDataset.FromExamples([(2, [5, 5, 2]), (3, [6])]);
        var r = BaselineEvaluator.Evaluate(spop, test, cutoffs: [1, 3]);
        Assert.Equal(0, r[1].HitRate, 10);
        Assert.Equal(100.0, r[3].HitRate, 10);
        Assert.Equal(100.0 * (1 / 2.0 + 1 / 3.0) / 2, r[3].Mrr, 10);
    }
}
