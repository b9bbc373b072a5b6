using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Evaluation.Baselines;
using static TorchSharp.torch;

namespace Tagnn.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    [Fact]
    public void Ranks_count_better_items_and_break_ties_by_lower_id()
    {
        using var scope = NewDisposeScope();
        var scores = tensor(new float[] { 0.1f, 0.5f, 0.5f, 0.2f, 0.1f, 0.5f, 0.5f, 0.2f, 0.1f, 0.5f, 0.5f, 0.2f }, [3, 4]);
        var ranks = RankingMetrics.Ranks(scores, tensor(new long[] { 3, 2, 1 })).data<long>().ToArray();
        Assert.Equal([2L, 1L, 4L], ranks);
    }

    [Fact]
    public void Hand_computed_hit_rate_mrr_and_ndcg()
    {
        var metrics = new RankingMetrics(itemCount: 50);
        metrics.AddRanks([1, 2, 4, 30]);
        var r = metrics.Result();
        Assert.Equal(4, r.Examples);
        Assert.Equal(75.0, r[5].HitRate, 10);
        Assert.Equal(43.75, r[5].Mrr, 10);                   // (1 + 1/2 + 1/4 + 0) / 4
        var ndcg = (1 + 1 / Math.Log2(3) + 1 / Math.Log2(5)) / 4 * 100;
        Assert.Equal(ndcg, r[5].Ndcg, 10);                   // 51.540...
        Assert.Equal(51.540157, r[5].Ndcg, 5);
        Assert.Equal(75.0, r[20].HitRate, 10);               // rank 30 is outside the top 20
        Assert.Equal((75.0, 43.75), r.Headline);
        Assert.Equal(43.75, r.ToDictionary()["mrr@20"], 10);
    }

    [Fact]
    public void A_rank_of_exactly_K_counts_and_K_plus_one_does_not()
    {
        var metrics = new RankingMetrics(itemCount: 50, cutoffs: [5]);
        metrics.AddRanks([5, 6]);
        var r = metrics.Result()[5];
        Assert.Equal(50.0, r.HitRate, 10);
        Assert.Equal(100.0 * (1.0 / 5) / 2, r.Mrr, 10);
    }

    [Fact]
    public void TopK_is_deterministic_under_ties()
    {
        using var scope = NewDisposeScope();
        var scores = tensor(new float[] { 1, 3, 3, 2, 3 }, [1, 5]);
        Assert.Equal([2, 3], RankingMetrics.TopK(scores, 2)[0]);
        Assert.Equal([2, 3, 5, 4], RankingMetrics.TopK(scores, 4)[0]);
        Assert.Equal([2, 3, 5, 4, 1], RankingMetrics.TopK(scores, 9)[0]);
    }

    [Fact]
    public void Coverage_and_popularity_of_recommendations()
    {
        using var scope = NewDisposeScope();
        var popularity = new long[] { 0, 10, 20, 30, 40, 50 };
        var metrics = new RankingMetrics(itemCount: 5, cutoffs: [2], itemPopularity: popularity);
        // Row 0 recommends items 2, 3; row 1 recommends 5, 2.
        var scores = tensor(new float[] { 0, 9, 8, 1, 2, 0, 8, 1, 2, 9 }, [2, 5]);
        metrics.Add(scores, tensor(new long[] { 3, 4 }));
        var r = metrics.Result()[2];
        Assert.Equal(50.0, r.HitRate, 10);                   // item 3 at rank 2; item 4 at rank 3
        Assert.Equal(100.0 * 0.5 / 2, r.Mrr, 10);
        Assert.Equal(60.0, r.Coverage, 10);                  // {2, 3, 5} of 5 items
        Assert.Equal((20 + 30 + 50 + 20) / 4.0, r.MeanPopularity, 10);
    }

    [Fact]
    public void Shapes_are_checked()
    {
        using var scope = NewDisposeScope();
        var metrics = new RankingMetrics(itemCount: 5);
        var e = Assert.Throws<ArgumentException>(() => metrics.Add(zeros(2, 4), tensor(new long[] { 1, 2 })));
        Assert.Contains("(B, 5)", e.Message);
    }

    [Fact]
    public void Popularity_counts_each_session_click_once_and_POP_ranks_by_it()
    {
        // Two sessions: [1, 2, 1, 3] and [2, 3]; augmented as the reference does.
        var train = SessionDataset.FromExamples([
            (3, [1, 2, 1]), (1, [1, 2]), (2, [1]),
            (3, [2]),
        ]);
        var counts = ItemPopularity.FromTrain(train, itemCount: 4);
        Assert.Equal([0L, 2, 2, 2, 0], counts);

        var pop = new PopularityBaseline(counts);
        Assert.Equal([1, 2, 3, 4], pop.Top(10)); // all tied at 2 but item 4: lower id first

        var test = SessionDataset.FromExamples([(1, [4]), (3, [1]), (4, [2])]);
        var r = pop.Evaluate(test, cutoffs: [2]);
        Assert.Equal(100.0 / 3, r[2].HitRate, 10);          // only item 1 (rank 1) is in the top 2
        Assert.Equal(100.0 / 3, r[2].Mrr, 10);
        Assert.Equal(50.0, r[2].Coverage, 10);              // items 1 and 2 of 4
        Assert.Equal(2.0, r[2].MeanPopularity, 10);
    }
}
