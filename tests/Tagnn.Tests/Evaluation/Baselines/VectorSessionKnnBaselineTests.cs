using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

public sealed class VectorSessionKnnBaselineTests
{
    // BaselineData.Four: A = [1, 2, 3], B = [2, 4], C = [3, 2, 5], D = [5, 6] (session indices 0..3).
    // Prefix [2, 3, 1] (L = 3), position weights div (p / L): w(2) = 1/3, w(3) = 2/3, w(1) = 1; |s| = 3.
    //   A {1,2,3}: overlap 1/3 + 2/3 + 1 = 2  -> sim 2/3; the last click (1) is in A:          step 1
    //   B {2,4}:   overlap 1/3               -> sim 1/9; its latest shared click is 2, 3 ago:  step 3
    //   C {2,3,5}: overlap 1/3 + 2/3 = 1     -> sim 1/3; its latest shared click is 3, 2 ago:  step 2
    // Vote decay div (1 / step): votes A 2/3, B 1/27, C 1/6.
    private static readonly VsknnSpec Plain = new(Neighbours: 10, SampleSize: 10, PositionWeighting: Decay.Div,
        ScoreWeighting: Decay.Div, IdfWeight: 0);

    [Fact]
    public void Scores_are_the_decayed_votes_of_position_weighted_neighbours()
    {
        var scores = BaselineData.Score(Plain.Fit(BaselineData.Four, 6), 2, 3, 1);
        Assert.Equal(2 / 3.0, scores[1], 12);                       // A
        Assert.Equal(2 / 3.0 + 1 / 27.0 + 1 / 6.0, scores[2], 12);  // A + B + C = 47/54
        Assert.Equal(2 / 3.0 + 1 / 6.0, scores[3], 12);             // A + C
        Assert.Equal(1 / 27.0, scores[4], 12);                      // B
        Assert.Equal(1 / 6.0, scores[5], 12);                       // C
        Assert.False(scores.Contains(6));
        Assert.Equal([2, 3, 1, 5, 4, 6], SparseRanking.Top(scores, 6));
    }

    [Fact]
    public void Only_the_k_most_similar_neighbours_vote()
    {
        var scores = BaselineData.Score((Plain with { Neighbours = 1 }).Fit(BaselineData.Four, 6), 2, 3, 1);
        // Only A (sim 2/3) votes: items 1, 2, 3 tie at 2/3 and rank by id.
        Assert.Equal([1, 2, 3], scores.Items.ToArray().Order());
        Assert.All(scores.Items.ToArray(), i => Assert.Equal(2 / 3.0, scores[i], 12));
        Assert.Equal([1, 2, 3, 4, 5, 6], SparseRanking.Top(scores, 6));
    }

    [Fact]
    public void The_idf_factor_favours_rarely_clicked_items()
    {
        // Factor 1 + w ln(S / clicks(j)) with S = 4 sessions, w = 1: item 1 (1 click) 1 + ln 4, item 2 (3 clicks) 1 + ln(4/3).
        var scores = BaselineData.Score((Plain with { IdfWeight = 1 }).Fit(BaselineData.Four, 6), 2, 3, 1);
        Assert.Equal(2 / 3.0 * (1 + Math.Log(4)), scores[1], 12);
        Assert.Equal((2 / 3.0 + 1 / 27.0 + 1 / 6.0) * (1 + Math.Log(4 / 3.0)), scores[2], 12);
    }

    [Fact]
    public void Linear_position_weights_ignore_clicks_ten_or_more_back()
    {
        // Prefix [1, 9 x 6, 4] with linear weights: item 1 is 10 clicks before the last -> weight 0, so A (which
        // shares only item 1) is no neighbour; B shares the last click 4 (weight 1).
        var spec = Plain with { PositionWeighting = Decay.Linear, ScoreWeighting = Decay.Same };
        var scores = BaselineData.Score(spec.Fit(BaselineData.Four, 6), 1, 6, 6, 6, 6, 6, 6, 6, 6, 6, 4);
        // |s| = 3 distinct: B: w(4) = 1 -> 1/3; D: w(6) = 1 - 0.1 = 0.9 -> 0.3; A: 0 -> dropped.
        Assert.Equal(1 / 3.0, scores[2], 12);
        Assert.Equal(1 / 3.0, scores[4], 12);
        Assert.Equal(0.3, scores[5], 12);
        Assert.Equal(0.3, scores[6], 12);
        Assert.False(scores.Contains(1));
        Assert.False(scores.Contains(3));
    }

    [Fact]
    public void The_decay_functions_match_their_formulas()
    {
        // Positions p of L = 4 (d = L - p): same, linear 1 - 0.1 d, div p / L, log 1 / log10(d + 1.7), quadratic (p / L)^2.
        Assert.Equal(1, DecayFunctions.Position(Decay.Same, 1, 4));
        Assert.Equal(0.7, DecayFunctions.Position(Decay.Linear, 1, 4), 12);
        Assert.Equal(0, DecayFunctions.Position(Decay.Linear, 1, 12));
        Assert.Equal(0.25, DecayFunctions.Position(Decay.Div, 1, 4), 12);
        Assert.Equal(1 / Math.Log10(1.7), DecayFunctions.Position(Decay.Log, 4, 4), 12);
        Assert.Equal(0.5625, DecayFunctions.Position(Decay.Quadratic, 3, 4), 12);
        // Steps: same 1, linear 1 - 0.1 s (0 from 10), div 1 / s, log 1 / log10(s + 1.7), quadratic 1 / s^2.
        Assert.Equal(0.8, DecayFunctions.Step(Decay.Linear, 2), 12);
        Assert.Equal(0, DecayFunctions.Step(Decay.Linear, 11));
        Assert.Equal(0.5, DecayFunctions.Step(Decay.Div, 2), 12);
        Assert.Equal(1 / Math.Log10(3.7), DecayFunctions.Step(Decay.Log, 2), 12);
        Assert.Equal(0.25, DecayFunctions.Step(Decay.Quadratic, 2), 12);
    }
}
