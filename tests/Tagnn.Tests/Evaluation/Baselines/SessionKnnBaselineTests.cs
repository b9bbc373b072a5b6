using Tagnn.Data;
using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

public sealed class SessionKnnBaselineTests
{
    // Training sessions in date order: A = [1, 2, 3], B = [2, 4], C = [5, 6], augmented as the reference does.
    private static readonly SessionDataset Train = SessionDataset.FromExamples([
        (3, [1, 2]), (2, [1]),
        (4, [2]),
        (6, [5]),
    ]);

    [Fact]
    public void Scores_are_summed_cosine_similarities_of_neighbour_sessions()
    {
        var knn = new SessionKnnBaseline(Train, itemCount: 6);
        var scores = knn.Scores([2]);
        double a = 1 / Math.Sqrt(3), b = 1 / Math.Sqrt(2);
        Assert.Equal(a, scores[1], 12);
        Assert.Equal(a + b, scores[2], 12);
        Assert.Equal(a, scores[3], 12);
        Assert.Equal(b, scores[4], 12);
        Assert.Equal(0, scores[5]);
        Assert.Equal(0, scores[6]);
    }

    [Fact]
    public void Ranks_and_top_lists_break_ties_by_lower_id_including_unscored_items()
    {
        var knn = new SessionKnnBaseline(Train, itemCount: 6);
        var sparse = knn.SparseScores([2]);
        Assert.Equal([2, 4, 1, 3, 5, 6], SparseRanking.Top(sparse, 6, 6));
        Assert.Equal(1, SparseRanking.Rank(sparse, 2, 6));
        Assert.Equal(4, SparseRanking.Rank(sparse, 3, 6));
        Assert.Equal(5, SparseRanking.Rank(sparse, 5, 6));
        Assert.Equal(6, SparseRanking.Rank(sparse, 6, 6));
    }

    [Fact]
    public void Only_the_k_most_similar_neighbours_vote()
    {
        var knn = new SessionKnnBaseline(Train, itemCount: 6, neighbours: 1, sampleSize: 10);
        var scores = knn.Scores([2]);            // B (0.707) beats A (0.577)
        Assert.Equal([0, 0, 1 / Math.Sqrt(2), 0, 1 / Math.Sqrt(2), 0, 0], scores);
    }

    [Fact]
    public void Evaluate_uses_the_shared_metrics()
    {
        var knn = new SessionKnnBaseline(Train, itemCount: 6);
        var test = SessionDataset.FromExamples([(4, [2]), (6, [5]), (3, [4])]);
        var r = knn.Evaluate(test, cutoffs: [1, 2]);
        // [2] -> 2, 4, ...: target 4 at rank 2.  [5] -> C: 5, 6: target 6 at rank 2.  [4] -> B: 2, 4, then 1, 3: rank 4.
        Assert.Equal(0.0, r[1].HitRate, 10);
        Assert.Equal(200.0 / 3, r[2].HitRate, 10);
        Assert.Equal(100.0 * (0.5 + 0.5) / 3, r[2].Mrr, 10);
    }
}
