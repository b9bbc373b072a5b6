using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

public sealed class ItemKnnBaselineTests
{
    // BaselineData.Four: A = [1, 2, 3], B = [2, 4], C = [3, 2, 5], D = [5, 6].
    // Supports (sessions containing): 1:1, 2:3, 3:2, 4:1, 5:2, 6:1.
    // Co-occurrence with item 2: c(2,1) = 1 (A), c(2,3) = 2 (A, C), c(2,4) = 1 (B), c(2,5) = 1 (C), c(2,6) = 0.

    [Fact]
    public void Without_regularisation_the_similarity_is_the_cosine_of_the_session_vectors()
    {
        var knn = new ItemKnnSpec(Lambda: 0).Fit(BaselineData.Four, 6);
        var scores = BaselineData.Score(knn, 6, 2);       // only the last click (2) matters
        Assert.Equal(1 / Math.Sqrt(3 * 1), scores[1], 12);   // 0.577
        Assert.Equal(2 / Math.Sqrt(3 * 2), scores[3], 12);   // 0.816
        Assert.Equal(1 / Math.Sqrt(3 * 1), scores[4], 12);   // 0.577, ties with item 1
        Assert.Equal(1 / Math.Sqrt(3 * 2), scores[5], 12);   // 0.408
        Assert.Equal(0, scores[2]);                          // never its own neighbour
        Assert.Equal(0, scores[6]);
        Assert.Equal([3, 1, 4, 5, 2, 6], SparseRanking.Top(scores, 6));
    }

    [Fact]
    public void Lambda_and_alpha_regularise_as_in_the_GRU4Rec_baseline()
    {
        // Defaults λ = 20, α = 0.5: sim(2, j) = c(2, j) / ((3 + 20)^0.5 (supp(j) + 20)^0.5).
        var knn = new ItemKnnSpec().Fit(BaselineData.Four, 6);
        var scores = BaselineData.Score(knn, 2);
        Assert.Equal(2 / Math.Sqrt(23.0 * 22), scores[3], 12);  // 0.0889
        Assert.Equal(1 / Math.Sqrt(23.0 * 21), scores[1], 12);  // 0.0455
        Assert.Equal(1 / Math.Sqrt(23.0 * 22), scores[5], 12);  // 0.0445: below item 1, which is rarer (support 1 against 2)
        // α = 1: the confidence c(2, j) / (supp(2) + λ), the same for every j with one co-occurrence.
        var confidence = new ItemKnnSpec(Lambda: 0, Alpha: 1).Fit(BaselineData.Four, 6);
        scores = BaselineData.Score(confidence, 2);
        Assert.Equal(2 / 3.0, scores[3], 12);
        Assert.Equal(1 / 3.0, scores[1], 12);
        Assert.Equal(1 / 3.0, scores[5], 12);
    }

    [Fact]
    public void Only_the_most_similar_items_are_scored()
    {
        var knn = new ItemKnnSpec(Neighbours: 2, Lambda: 0).Fit(BaselineData.Four, 6);
        var scores = BaselineData.Score(knn, 2);
        // 3 (0.816), then 1 and 4 tie at 0.577: the lower id, 1, is kept.
        Assert.Equal([1, 3], scores.Items.ToArray().Order());
        Assert.Equal([3, 1, 2, 4, 5, 6], SparseRanking.Top(scores, 6));
    }
}
