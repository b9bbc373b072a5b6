using System.Text.RegularExpressions;
using Plotly.NET;
using Tagnn.Course;
using Tagnn.Experiments;

namespace Tagnn.Tests.Notebooks;

/// <summary>The comparison helper's course display: the HTML tables and the means-with-whiskers charts.</summary>
public sealed class ComparisonDisplayTests
{
    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    private static ComparisonRun Run(string model, long seed, double p20, double mrr20) =>
        new() { Model = model, Seed = seed, P20 = p20, Mrr20 = mrr20, SelectedEpoch = 0, EpochsTrained = 1 };

    /// <summary>A hand-made result: "base" (reference) and "better" (P@20 clearly higher, MRR@20 noise).</summary>
    internal static ComparisonResult Hand()
    {
        long[] seeds = [1, 2, 3];
        (string Name, double[] P20, double[] Mrr20)[] models =
        [
            ("base", [50.0, 51.0, 50.5], [20.0, 21.0, 19.0]),
            ("better", [55.0, 56.5, 55.25], [19.0, 22.0, 20.0]),
        ];
        var summaries = models.Select(m => new ModelSummary(m.Name, $"{m.Name} model", MetricSummary.Of(m.P20), MetricSummary.Of(m.Mrr20),
            [.. seeds.Select((s, k) => Run(m.Name, s, m.P20[k], m.Mrr20[k]))])).ToList();
        return new ComparisonResult
        {
            Data = "(hand)",
            Seeds = seeds,
            Alpha = 0.05,
            Rule = ModelComparison.Rule(3),
            Reference = "base",
            TestExamples = 100,
            TestSessions = 40,
            BootstrapResamples = 0,
            BootstrapSeed = 1,
            Models = summaries,
            Contrasts =
            [
                new ModelContrast("base", "base", MetricContrast.Self("P@20", models[0].P20, 0.05), MetricContrast.Self("MRR@20", models[0].Mrr20, 0.05)),
                new ModelContrast("better", "base", MetricContrast.Compute("P@20", models[1].P20, models[0].P20, 0.05),
                    MetricContrast.Compute("MRR@20", models[1].Mrr20, models[0].Mrr20, 0.05)),
            ],
        };
    }

    [Fact]
    public void The_comparison_table_shows_mean_and_se_the_range_the_test_and_the_verdicts()
    {
        var result = Hand();
        Assert.Equal(ComparisonVerdict.Distinguishable, result.Contrast("better").P20.Verdict);       // differences 5, 5.5, 4.75
        Assert.Equal(ComparisonVerdict.NotDistinguishable, result.Contrast("better").Mrr20.Verdict);  // differences -1, 1, 1
        var html = ComparisonTables.Comparison(result).Html;
        Assert.Contains(">50.50 &#177; 0.29<", html);                 // mean 50.5, SD 0.5, SE 0.5 / sqrt 3
        Assert.Contains(">50.00–51.00<", html);
        Assert.Contains(">+5.08 (t ", html);                     // (5 + 5.5 + 4.75) / 3
        Assert.Contains(">distinguishable<", html);
        Assert.Contains(">not distinguishable from seed noise<", html);
        Assert.Contains("|t| &gt; 4.303", html);                 // the rule, encoded
        Assert.DoesNotContain("bootstrap", html);                // turned off
        Assert.Contains("better: P@20 55.58 ± 0.46 (SE", ComparisonTables.Comparison(result).Description);
    }

    [Fact]
    public void The_comparison_chart_has_a_dot_per_seed_and_a_mean_with_its_se_whisker_per_model()
    {
        var json = GenericChart.toFigureJson(IntervalCharts.Comparison(Hand(), "P@20"));
        Assert.Contains("\"y\":[50.0,51.0,50.5,55.0,56.5,55.25]", json);          // the seeds
        Assert.Contains("\"x\":[-0.15,0.0,0.15,0.85,1.0,1.15]", json);            // jittered around 0 and 1
        Assert.Contains("\"y\":[50.5,55.583333333333336]", json);                  // the means
        Assert.Contains("\"error_y\":{\"type\":\"data\",\"array\":[0.2886751345948129,", json);
        Assert.Contains("better<br>distinguishable", json);
        Assert.Contains("base<br>(reference)", json);
        Assert.Contains("better<br>not distinguishable from seed noise", GenericChart.toFigureJson(IntervalCharts.Comparison(Hand(), "MRR@20")));
        Assert.Throws<ArgumentException>(() => IntervalCharts.Comparison(Hand(), "NDCG@20"));
    }

    [Fact]
    public void The_sweep_table_and_chart_follow_the_parameters()
    {
        var comparison = Hand();
        var sweep = new SweepResult(["d"], [
            new SweepPoint("base", [16], comparison.Models[0].P20, comparison.Models[0].Mrr20, comparison.Contrasts[0]),
            new SweepPoint("better", [32], comparison.Models[1].P20, comparison.Models[1].Mrr20, comparison.Contrasts[1]),
        ], comparison);
        var html = ComparisonTables.Sweep(sweep).Html;
        Assert.Contains(">16<", html);
        Assert.Contains(">32<", html);
        Assert.Equal(2, Count(html, ">distinguishable<") + Count(html, ">not distinguishable from seed noise<"));
        var json = GenericChart.toFigureJson(IntervalCharts.Sweep(sweep, "MRR@20"));
        Assert.Contains("\"x\":[16.0,32.0]", json);
        Assert.Contains("\"y\":[20.0,20.333333333333332]", json);
        Assert.Contains("\"mode\":\"lines+markers\"", json);
    }
}
