using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

public sealed class SequentialRulesBaselineTests
{
    // Sessions A = [1, 2, 3], C = [3, 2, 5], E = [1, 2, 1, 3]; N = 5. With steps 2 and weight 1/d, a click gives
    // the rule (previous click -> it) weight 1 and (the click before -> it) weight 1/2:
    //   A: 1->2 +1, 2->3 +1, 1->3 +1/2
    //   C: 3->2 +1, 2->5 +1, 3->5 +1/2
    //   E: 1->2 +1, 2->1 +1, 1->1 +1/2, 1->3 +1, 2->3 +1/2
    // Rules: from 1: 2 (2), 3 (1.5), 1 (0.5); from 2: 3 (1.5), 1 (1), 5 (1); from 3: 2 (1), 5 (0.5).
    private static readonly Tagnn.Data.SessionDataset Train = BaselineData.Augment([1, 2, 3], [3, 2, 5], [1, 2, 1, 3]);

    [Fact]
    public void Rules_are_weighted_by_one_over_the_distance_and_applied_to_the_last_click()
    {
        var sr = (SequentialRulesBaseline)new SrSpec(Steps: 2).Fit(Train, 5);
        Assert.Equal([2, 3, 1], sr.RulesOf(1).Consequents);
        Assert.Equal([2.0, 1.5, 0.5], sr.RulesOf(1).Weights);
        var scores = BaselineData.Score(sr, 5, 1, 2);          // only the last click, 2, matters
        Assert.Equal(1.5, scores[3], 12);
        Assert.Equal(1.0, scores[1], 12);
        Assert.Equal(1.0, scores[5], 12);
        Assert.Equal([3, 1, 5, 2, 4], SparseRanking.Top(scores, 5));   // 1 and 5 tie: lower id
        Assert.Equal(3, SparseRanking.Rank(scores, 5));
    }

    [Fact]
    public void Pruning_keeps_the_strongest_rules_with_ties_to_the_lower_id()
    {
        var sr = (SequentialRulesBaseline)new SrSpec(Steps: 2, Pruning: 2).Fit(Train, 5);
        Assert.Equal([3, 1], sr.RulesOf(2).Consequents);
    }

    [Fact]
    public void The_window_and_the_weighting_change_the_rules()
    {
        // Steps 1: only adjacent clicks. From 1: 1->2 (A, E) = 2, 1->3 (E) = 1.
        var adjacent = (SequentialRulesBaseline)new SrSpec(Steps: 1).Fit(Train, 5);
        Assert.Equal([2, 3], adjacent.RulesOf(1).Consequents);
        Assert.Equal([2.0, 1.0], adjacent.RulesOf(1).Weights);
        // Quadratic, steps 2: distance 2 weighs 1/4. From 1: 2 (2), 3 (1/4 from A + 1 from E), 1 (1/4 from E).
        var quadratic = (SequentialRulesBaseline)new SrSpec(Steps: 2, Weighting: Decay.Quadratic).Fit(Train, 5);
        Assert.Equal([2.0, 1.25, 0.25], quadratic.RulesOf(1).Weights);
    }
}
