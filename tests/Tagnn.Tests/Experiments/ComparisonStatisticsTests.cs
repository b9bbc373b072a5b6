using Tagnn.Evaluation;
using Tagnn.Experiments;

namespace Tagnn.Tests.Experiments;

/// <summary>The comparison helper's statistics against values computed by hand (and the t distribution's closed forms).</summary>
public sealed class ComparisonStatisticsTests
{
    [Fact]
    public void A_summary_has_the_mean_the_range_the_sample_sd_and_the_standard_error()
    {
        var s = MetricSummary.Of([10.0, 12.0, 14.0]);
        Assert.Equal(12.0, s.Mean, 12);
        Assert.Equal(10.0, s.Min);
        Assert.Equal(14.0, s.Max);
        Assert.Equal(2.0, s.Sd!.Value, 12);                        // sqrt((4 + 0 + 4) / 2)
        Assert.Equal(2.0 / Math.Sqrt(3), s.StandardError!.Value, 12);
        Assert.Equal(3, s.Count);

        var one = MetricSummary.Of([7.5]);
        Assert.Equal(7.5, one.Mean);
        Assert.Null(one.Sd);
        Assert.Null(one.StandardError);
        Assert.Throws<ArgumentException>(() => MetricSummary.Of([]));
        Assert.Throws<ArgumentException>(() => MetricSummary.Of([1.0, double.NaN]));
    }

    [Theory]
    [InlineData(1, 12.706204736)]
    [InlineData(2, 4.302652730)]
    [InlineData(4, 2.776445105)]
    [InlineData(9, 2.262157163)]
    public void The_critical_values_are_those_of_the_t_table(int df, double expected) =>
        Assert.Equal(expected, StudentT.Critical(0.05, df), 6);

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.7)]
    [InlineData(4.1576)]
    public void The_p_value_matches_the_closed_forms_for_one_and_two_degrees_of_freedom(double t)
    {
        Assert.Equal(1 - 2 / Math.PI * Math.Atan(t), StudentT.TwoSidedP(t, 1), 10);    // Cauchy
        Assert.Equal(1 - t / Math.Sqrt(2 + t * t), StudentT.TwoSidedP(-t, 2), 10);    // df 2
        Assert.Equal(1.0, StudentT.TwoSidedP(0, 3), 12);
        Assert.Equal(0.0, StudentT.TwoSidedP(double.PositiveInfinity, 3));
    }

    [Fact]
    public void The_paired_t_test_equals_the_hand_computation()
    {
        // Differences 1, 2, 2.5: mean 11/6, sd sqrt(7/12), SE sqrt(7/36), t = (11/6) / sqrt(7/36) = 11 / sqrt(7).
        var test = PairedTTest.Compute([10.0, 12.0, 14.0], [9.0, 10.0, 11.5]);
        Assert.Equal(3, test.Count);
        Assert.Equal(11.0 / 6, test.MeanDifference, 12);
        Assert.Equal(Math.Sqrt(7.0 / 12), test.SdDifference!.Value, 12);
        Assert.Equal(Math.Sqrt(7.0 / 36), test.StandardError!.Value, 12);
        var t = 11 / Math.Sqrt(7);
        Assert.Equal(t, test.T!.Value, 12);
        Assert.Equal(2, test.DegreesOfFreedom);
        Assert.Equal(1 - t / Math.Sqrt(2 + t * t), test.P!.Value, 10);                 // 0.0533: just above 0.05
        Assert.Equal(4.302652730, test.Critical!.Value, 6);
        Assert.Equal(4.302652730 * Math.Sqrt(7.0 / 36), test.MinimumDetectable!.Value, 6);
        Assert.False(test.Distinguishable);                                             // t 4.16 < 4.30

        // At alpha 0.1 the same numbers pass (critical 2.92).
        Assert.True(PairedTTest.Compute([10.0, 12.0, 14.0], [9.0, 10.0, 11.5], alpha: 0.1).Distinguishable);
    }

    [Fact]
    public void A_clearly_different_pair_is_distinguishable_and_an_identical_pair_is_not()
    {
        var better = MetricContrast.Compute("P@20", [20.0, 20.5, 21.0], [10.0, 10.2, 10.1], 0.05);
        Assert.Equal(ComparisonVerdict.Distinguishable, better.Verdict);
        Assert.Equal("distinguishable", better.VerdictText);
        Assert.True(better.TTest.P < 0.01);
        Assert.EndsWith(": distinguishable", better.Describe());

        var same = MetricContrast.Compute("P@20", [20.0, 20.5, 21.0], [20.0, 20.5, 21.0], 0.05);
        Assert.Equal(ComparisonVerdict.NotDistinguishable, same.Verdict);
        Assert.Equal("not distinguishable from seed noise", same.VerdictText);
        Assert.Equal(0.0, same.TTest.MeanDifference);
        Assert.Null(same.TTest.T);

        // Noise larger than the difference: not distinguishable.
        var noisy = MetricContrast.Compute("MRR@20", [10.0, 14.0, 9.0], [11.0, 10.0, 10.5], 0.05);
        Assert.Equal(ComparisonVerdict.NotDistinguishable, noisy.Verdict);
        Assert.True(noisy.TTest.P > 0.5);
    }

    [Fact]
    public void One_seed_decides_nothing_and_a_constant_difference_is_distinguishable()
    {
        var one = PairedTTest.Compute([30.0], [10.0]);
        Assert.Null(one.T);
        Assert.Null(one.P);
        Assert.Null(one.Critical);
        Assert.False(one.Distinguishable);
        Assert.Contains("one seed", MetricContrast.Compute("P@20", [30.0], [10.0], 0.05).Describe());

        var constant = PairedTTest.Compute([12.0, 13.0], [10.0, 11.0]);
        Assert.Equal(double.PositiveInfinity, constant.T);
        Assert.Equal(0.0, constant.P);
        Assert.True(constant.Distinguishable);

        Assert.Throws<ArgumentException>(() => PairedTTest.Compute([1.0, 2.0], [1.0]));
        Assert.Throws<ArgumentException>(() => PairedTTest.Compute([], []));
    }

    [Fact]
    public void The_rule_states_the_computed_critical_value()
    {
        Assert.Contains("|t| > 4.303 with 2 degree(s) of freedom", ModelComparison.Rule(3));
        Assert.Contains("2.48 times the standard deviation", ModelComparison.Rule(3));        // 4.303 / sqrt(3)
        Assert.Contains("one seed", ModelComparison.Rule(1));
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.Equal(2.5, PairedBootstrap.Quantile(sorted, 0.5), 12);
        Assert.Equal(1.075, PairedBootstrap.Quantile(sorted, 0.025), 12);     // h = 3 x 0.025
        Assert.Equal(4.0, PairedBootstrap.Quantile(sorted, 1), 12);
    }

    /// <summary>200 examples in 100 sessions of two; the model is better by about 10 points with noise.</summary>
    private static (double[] Model, double[] Reference, int[] Starts) Noisy()
    {
        var random = new Random(3);
        var model = new double[200];
        var reference = new double[200];
        for (var i = 0; i < 200; i++)
        {
            reference[i] = random.NextDouble() < 0.3 ? 100 : 0;
            model[i] = random.NextDouble() < 0.4 ? 100 : 0;
        }
        return (model, reference, [.. Enumerable.Range(0, 100).Select(j => 2 * j)]);
    }

    [Fact]
    public void The_bootstrap_is_a_pure_function_of_its_seed()
    {
        var (model, reference, starts) = Noisy();
        var a = PairedBootstrap.Compute(model, reference, starts, resamples: 500, seed: 11);
        var b = PairedBootstrap.Compute(model, reference, starts, resamples: 500, seed: 11);
        var c = PairedBootstrap.Compute(model, reference, starts, resamples: 500, seed: 12);
        Assert.Equal(a, b);
        Assert.NotEqual((a.Lower, a.Upper), (c.Lower, c.Upper));
        Assert.Equal(model.Average() - reference.Average(), a.MeanDifference, 12);
        Assert.Equal(a.MeanDifference, c.MeanDifference);
        Assert.True(a.Lower < a.MeanDifference && a.MeanDifference < a.Upper);
        Assert.Equal(100, a.Sessions);
        Assert.Equal(200, a.Examples);
    }

    [Fact]
    public void The_bootstrap_flags_a_clear_difference_and_not_an_identical_pair()
    {
        var starts = Enumerable.Range(0, 50).Select(j => 2 * j).ToArray();
        var all = Enumerable.Repeat(100.0, 100).ToArray();
        var none = new double[100];
        var clear = PairedBootstrap.Compute(all, none, starts);
        Assert.Equal((100.0, 100.0), (clear.Lower, clear.Upper));   // every resample differs by 100
        Assert.True(clear.ExcludesZero);

        var (model, _, noisyStarts) = Noisy();
        var same = PairedBootstrap.Compute(model, model, noisyStarts);
        Assert.Equal((0.0, 0.0), (same.Lower, same.Upper));
        Assert.False(same.ExcludesZero);
    }

    [Fact]
    public void The_bootstrap_resamples_whole_sessions()
    {
        var (model, reference, _) = Noisy();
        // One session holding every example: each resample is that session, so the interval has no width.
        var one = PairedBootstrap.Compute(model, reference, [0], resamples: 200);
        Assert.Equal(one.MeanDifference, one.Lower, 12);
        Assert.Equal(one.MeanDifference, one.Upper, 12);
        Assert.Equal(0.0, one.StandardError, 12);
        // Every example its own session: a real interval.
        var each = PairedBootstrap.Compute(model, reference, null, resamples: 200);
        Assert.True(each.Upper - each.Lower > 1);
        Assert.Equal(200, each.Sessions);
        Assert.Throws<ArgumentException>(() => PairedBootstrap.Compute(model, reference, [1, 5]));
        Assert.Throws<ArgumentException>(() => PairedBootstrap.Compute(model, reference, [0, 5, 5]));
    }

    [Fact]
    public void Per_example_terms_average_to_the_metrics()
    {
        int[] ranks = [1, 4, 20, 21, 2];
        Assert.Equal([100.0, 100.0, 100.0, 0.0, 100.0], TargetRanks.Hits(ranks));
        Assert.Equal((100.0 + 25 + 5 + 0 + 50) / 5, TargetRanks.ReciprocalRanks(ranks).Average(), 12);
    }
}
