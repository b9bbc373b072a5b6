using Tagnn.Evaluation;
using Tagnn.Evaluation.Baselines;
using static TorchSharp.torch;

namespace Tagnn.Tests.Evaluation.Baselines;

public sealed class SparseRankingTests
{
    [Fact]
    public void Ties_go_to_the_lower_id_and_unscored_items_follow_by_id()
    {
        // N = 6; item 4 and item 2 tie at 0.5, item 5 is listed with score 0, items 1, 3, 6 are unscored.
        var scores = new SparseScores(6);
        scores.Add(4, 0.5);
        scores.Add(2, 0.25);
        scores.Add(2, 0.25);
        scores.Set(5, 0);
        scores.Add(6, 0.75);
        Assert.Equal([6, 2, 4, 1, 3, 5], SparseRanking.Top(scores, 6));
        Assert.Equal([6, 2, 4], SparseRanking.Top(scores, 3));
        long[] expected = [0, 4, 2, 5, 3, 6, 1];   // by item id
        for (var item = 1; item <= 6; item++) Assert.Equal(expected[item], SparseRanking.Rank(scores, item));
    }

    [Fact]
    public void A_popularity_order_breaks_the_ties_and_places_the_rest()
    {
        // Popularity: item 3 > items 1 = 5 > the rest (ties by id): order 3, 1, 5, 2, 4.
        var order = ItemOrder.ByPopularity([0, 4, 1, 9, 0, 4]);
        Assert.Equal([3, 1, 5, 2, 4], Enumerable.Range(0, 5).Select(order.ItemAt));
        var scores = new SparseScores(5);
        scores.Add(4, 1);
        scores.Add(5, 1);   // ties with 4: 5 comes first in the popularity order
        Assert.Equal([5, 4, 3, 1, 2], SparseRanking.Top(scores, 5, order));
        Assert.Equal(1, SparseRanking.Rank(scores, 5, order));
        Assert.Equal(2, SparseRanking.Rank(scores, 4, order));
        Assert.Equal(4, SparseRanking.Rank(scores, 1, order));
        Assert.Equal(5, SparseRanking.Rank(scores, 2, order));
    }

    [Fact]
    public void Negative_scores_rank_below_the_unscored_items()
    {
        var scores = new SparseScores(4);
        scores.Add(2, -1);
        scores.Add(3, 2);
        Assert.Equal([3, 1, 4, 2], SparseRanking.Top(scores, 4));
        Assert.Equal(4, SparseRanking.Rank(scores, 2));
        Assert.Equal(3, SparseRanking.Rank(scores, 4));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sparse_ranks_and_lists_equal_the_dense_metrics_on_random_scores_with_many_ties(int seed)
    {
        const int n = 40, rows = 30, k = 12;
        var random = new Random(seed);
        var dense = new float[rows * n];
        var sparse = new SparseScores[rows];
        var targets = new long[rows];
        for (var r = 0; r < rows; r++)
        {
            sparse[r] = new SparseScores(n);
            var listed = random.Next(0, n);
            for (var t = 0; t < listed; t++)
            {
                var item = random.Next(1, n + 1);
                var value = random.Next(0, 4) * 0.25f;   // few distinct values, zeros included: many ties
                sparse[r].Set(item, value);
                dense[r * n + item - 1] = value;
            }
            targets[r] = random.Next(1, n + 1);
        }
        using var scope = NewDisposeScope();
        var scoreTensor = tensor(dense, [rows, n]);
        var denseRanks = RankingMetrics.Ranks(scoreTensor, tensor(targets)).data<long>().ToArray();
        var denseTop = RankingMetrics.TopK(scoreTensor, k);
        for (var r = 0; r < rows; r++)
        {
            Assert.Equal(denseRanks[r], SparseRanking.Rank(sparse[r], (int)targets[r]));
            Assert.Equal(denseTop[r], SparseRanking.Top(sparse[r], k));
        }
    }

    [Fact]
    public void Clear_forgets_every_score_and_the_workspace_belongs_to_its_owner()
    {
        var scores = new SparseScores(3);
        scores.Add(1, 2);
        scores.Clear();
        Assert.Equal(0, scores.Count);
        Assert.Equal(0, scores[1]);
        Assert.False(scores.Contains(1));
        object owner = new(), other = new();
        var first = scores.Workspace(owner, () => new List<int>());
        Assert.Same(first, scores.Workspace(owner, () => new List<int>()));
        Assert.NotSame(first, scores.Workspace(other, () => new List<int>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => scores.Add(4, 1));
    }
}
