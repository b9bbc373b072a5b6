using System.Text.RegularExpressions;
using Plotly.NET;
using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

/// <summary>Point charts of click logs: the long tail on log-log axes, topic strips.</summary>
public sealed class ScatterChartsTests
{
    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    [Fact]
    public void Rank_frequency_sorts_the_counts_and_draws_a_reference_power_law_through_the_middle_rank()
    {
        var json = GenericChart.toFigureJson(ScatterCharts.RankFrequency([5, 100, 20, 1], "popularity"));
        Assert.Contains("\"x\":[1.0,2.0,3.0,4.0]", json);
        Assert.Contains("\"y\":[100.0,20.0,5.0,1.0]", json);
        // Middle rank sqrt(4) = 2 with 20 clicks: c(r) = 20 * (r / 2)^-1 gives 40 at r = 1 and 10 at r = 4.
        Assert.Contains("\"y\":[40.0,10.0]", json);
        Assert.Equal(2, Count(json, "\"type\":\"log\""));
        Assert.DoesNotContain("power law", GenericChart.toFigureJson(ScatterCharts.RankFrequency([3, 1], "t", referenceExponent: null)));
    }

    [Fact]
    public void Large_rank_lists_are_thinned_on_a_log_scale_keeping_both_ends()
    {
        var ranks = ScatterCharts.ThinRanks(100_000, 200);
        Assert.Equal(1, ranks[0]);
        Assert.Equal(100_000, ranks[^1]);
        Assert.InRange(ranks.Length, 100, 202);
        Assert.True(ranks.Zip(ranks.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal(Enumerable.Range(1, 50), ScatterCharts.ThinRanks(50, 200));
    }

    [Fact]
    public void Topic_strips_draw_one_trace_per_topic_at_the_click_positions()
    {
        var json = GenericChart.toFigureJson(ScatterCharts.TopicStrips([[1, 1, 2], [2, 3]], "topics", ["a", "b"]));
        Assert.Equal(3, Count(json, "\"name\":\"topic "));
        Assert.Contains("\"x\":[1,2],\"y\":[\"a\",\"a\"]", json);         // topic 1: session a, clicks 1 and 2
        Assert.Contains("\"x\":[3,1],\"y\":[\"a\",\"b\"]", json);          // topic 2
        Assert.Throws<ArgumentException>(() => ScatterCharts.TopicStrips([[1]], "t", ["a", "b"]));
        Assert.Contains("no session to show", GenericChart.toFigureJson(ScatterCharts.TopicStrips([], "t")));
    }
}
