using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

public sealed class StanBaselineTests
{
    // BaselineData.Four: A = [1, 2, 3], B = [2, 4], C = [3, 2, 5], D = [5, 6]; S = 4 sessions at times r / S:
    // 0, 1/4, 1/2, 3/4; the test prefix is at t = 1.
    // Prefix [2, 3, 1] (L = 3), λ1 = λ2 = λ3 = 1:
    //   w1: w(2) = e^(1-3) = e^-2, w(3) = e^-1, w(1) = e^0 = 1; |s| = 3.
    //   w2: A e^-(1 - 0) = e^-1, B e^-0.75, C e^-0.5.
    //   sim A = (e^-2 + e^-1 + 1) / sqrt(3 * 3) * e^-1 = 0.1843
    //   sim B = e^-2 / sqrt(3 * 2) * e^-0.75           = 0.0261
    //   sim C = (e^-2 + e^-1) / sqrt(3 * 3) * e^-0.5    = 0.1017
    //   w3 = e^-|p_n(j) - p_n(i*)|, i* = the most recently clicked item of the prefix that n contains:
    //   A: i* = 1 at position 1 -> items 1, 2, 3 at distances 0, 1, 2.
    //   B: i* = 2 at position 1 -> items 2, 4 at distances 0, 1.
    //   C: i* = 3 (clicked after 2 in the prefix) at position 1 -> items 3, 2, 5 at distances 0, 1, 2.
    private static readonly double E = Math.E;
    private static readonly double SimA = (Math.Exp(-2) + Math.Exp(-1) + 1) / 3 * Math.Exp(-1);
    private static readonly double SimB = Math.Exp(-2) / Math.Sqrt(6) * Math.Exp(-0.75);
    private static readonly double SimC = (Math.Exp(-2) + Math.Exp(-1)) / 3 * Math.Exp(-0.5);
    private static readonly StanSpec Unit = new(Neighbours: 10, SampleSize: 10, Lambda1: 1, Lambda2: 1, Lambda3: 1);

    [Fact]
    public void Scores_combine_the_three_decays()
    {
        var scores = BaselineData.Score(Unit.Fit(BaselineData.Four, 6), 2, 3, 1);
        Assert.Equal(SimA, scores[1], 12);
        Assert.Equal(SimA / E + SimB + SimC / E, scores[2], 12);
        Assert.Equal(SimA / (E * E) + SimC, scores[3], 12);
        Assert.Equal(SimB / E, scores[4], 12);
        Assert.Equal(SimC / (E * E), scores[5], 12);
        Assert.False(scores.Contains(6));
        // 0.1843 (1), 0.1017 + 0.0249 = 0.1266 (3), 0.0678 + 0.0261 + 0.0374 = 0.1313 (2), 0.0138 (5), 0.0096 (4).
        Assert.Equal([1, 2, 3, 5, 4, 6], SparseRanking.Top(scores, 6));
    }

    [Fact]
    public void Neighbour_positions_are_those_of_the_last_click_on_an_item()
    {
        // One training session [7, 1, 7, 2] (items 1, 2, 7) and the prefix [1]: i* = 1 at position 2, and item 7's last
        // click is at position 3 (distance 1), not 1; item 2 is at distance 2. sim = e^0 / sqrt(1 * 3) * w2, w2 = e^-1.
        var train = BaselineData.Augment([7, 1, 7, 2]);
        var scores = BaselineData.Score(Unit.Fit(train, 7), 1);
        var sim = 1 / Math.Sqrt(3) * Math.Exp(-1);
        Assert.Equal(sim, scores[1], 12);
        Assert.Equal(sim / E, scores[7], 12);
        Assert.Equal(sim / (E * E), scores[2], 12);
    }

    [Fact]
    public void Recency_decides_between_otherwise_equal_neighbours()
    {
        // Two sessions with the same items, [1, 2] (older) and [1, 3] (newer); prefix [1]: equal cosine, but the newer
        // one is less decayed: e^-(1 - 1/2) against e^-(1 - 0). With k = 1 only the newer one votes.
        var train = BaselineData.Augment([1, 2], [1, 3]);
        var scores = BaselineData.Score((Unit with { Neighbours = 1 }).Fit(train, 3), 1);
        Assert.Equal(1 / Math.Sqrt(2) * Math.Exp(-0.5), scores[1], 12);
        Assert.False(scores.Contains(2));
        Assert.True(scores[3] > 0);
        // A huge λ2 switches the decay off: both sessions vote with the same weight (to 12 digits).
        var flat = BaselineData.Score((Unit with { Neighbours = 2, Lambda2 = 1e12 }).Fit(train, 3), 1);
        Assert.Equal(flat[2], flat[3], 12);
    }
}
