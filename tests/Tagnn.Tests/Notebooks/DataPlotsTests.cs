using System.Text.RegularExpressions;
using Plotly.NET;
using Tagnn.Data;
using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

/// <summary>The data charts count and order what they are given, and the diagrams show every example.</summary>
public sealed class DataPlotsTests
{
    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    [Fact]
    public void Histogram_counts_each_value_and_marks_mean_and_median()
    {
        var json = GenericChart.toFigureJson(DataPlots.Histogram([2, 2, 3, 5, 5, 5, 1], "lengths", "clicks"));
        Assert.Contains("\"x\":[1.0,2.0,3.0,5.0]", json);
        Assert.Contains("\"y\":[1.0,2.0,1.0,3.0]", json);
        Assert.Contains("mean 3.29", json);       // 23 / 7
        Assert.Contains("median 3", json);
        Assert.Throws<ArgumentException>(() => DataPlots.Histogram([], "t", "x"));
    }

    [Fact]
    public void Histogram_can_gather_the_tail_in_one_bar()
    {
        var json = GenericChart.toFigureJson(DataPlots.Histogram([1, 2, 9, 12], "t", "x", maxValue: 5));
        Assert.Contains("\"x\":[1.0,2.0,6.0]", json);
        Assert.Contains("\"y\":[1.0,1.0,2.0]", json);
        Assert.Contains("\"> 5\"", json);
    }

    [Fact]
    public void Rank_frequency_sorts_the_counts_and_draws_a_reference_power_law_through_the_middle_rank()
    {
        var json = GenericChart.toFigureJson(DataPlots.RankFrequency([5, 100, 20, 1], "popularity"));
        Assert.Contains("\"x\":[1.0,2.0,3.0,4.0]", json);
        Assert.Contains("\"y\":[100.0,20.0,5.0,1.0]", json);
        // Middle rank sqrt(4) = 2 with 20 clicks: c(r) = 20 * (r / 2)^-1 gives 40 at r = 1 and 10 at r = 4.
        Assert.Contains("\"y\":[40.0,10.0]", json);
        Assert.Equal(2, Count(json, "\"type\":\"log\""));
        Assert.DoesNotContain("power law", GenericChart.toFigureJson(DataPlots.RankFrequency([3, 1], "t", referenceExponent: null)));
    }

    [Fact]
    public void Large_rank_lists_are_thinned_on_a_log_scale_keeping_both_ends()
    {
        var ranks = DataPlots.ThinRanks(100_000, 200);
        Assert.Equal(1, ranks[0]);
        Assert.Equal(100_000, ranks[^1]);
        Assert.InRange(ranks.Length, 100, 202);
        Assert.True(ranks.Zip(ranks.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal(Enumerable.Range(1, 50), DataPlots.ThinRanks(50, 200));
    }

    [Fact]
    public void Topic_strips_draw_one_trace_per_topic_at_the_click_positions()
    {
        var json = GenericChart.toFigureJson(DataPlots.TopicStrips([[1, 1, 2], [2, 3]], "topics", ["a", "b"]));
        Assert.Equal(3, Count(json, "\"name\":\"topic "));
        Assert.Contains("\"x\":[1,2],\"y\":[\"a\",\"a\"]", json);         // topic 1: session a, clicks 1 and 2
        Assert.Contains("\"x\":[3,1],\"y\":[\"a\",\"b\"]", json);          // topic 2
        Assert.Throws<ArgumentException>(() => DataPlots.TopicStrips([[1]], "t", ["a", "b"]));
        Assert.Contains("no session to show", GenericChart.toFigureJson(DataPlots.TopicStrips([], "t")));
    }

    [Fact]
    public void Funnel_has_a_clicks_and_a_sessions_funnel_over_the_stages()
    {
        StepCount[] stages = [new("read", 100, 20), new("drop", 90, 15), new("split", 80, 14)];
        var json = GenericChart.toFigureJson(DataPlots.Funnel(stages));
        Assert.Equal(2, Count(json, "\"type\":\"funnel\",\"name\":\"(clicks|sessions)\""));
        Assert.Contains("\"x\":[100,90,80]", json);
        Assert.Contains("\"x\":[20,15,14]", json);
        Assert.Contains("\"y\":[\"read\",\"drop\",\"split\"]", json);
        Assert.Contains("percentInitial", json);
    }

    [Fact]
    public void Split_timeline_stacks_sessions_per_day_by_side_of_the_split()
    {
        static ClickSession S(int day) => new(0, new DateTime(2016, 1, day, 0, 0, 0, DateTimeKind.Utc), ["a", "b"], null);
        var split = PreprocessingSteps.SplitByDate([S(1), S(1), S(2), S(9), S(10), S(10), S(10)], days: 1);
        var json = GenericChart.toFigureJson(DataPlots.SplitTimeline(split));
        // max date day 10, split day 9 (dropped), train days 1 and 2, test day 10.
        Assert.Contains("\"y\":[2,1]", json);
        Assert.Contains("\"y\":[3]", json);
        Assert.Contains("train (3 sessions)", json);
        Assert.Contains("dropped (1)", json);
        Assert.Contains("test (3)", json);
        Assert.Contains("\"barmode\":\"stack\"", json);
        Assert.Contains("split date 2016-01-09", json);
    }

    [Fact]
    public void Augmentation_draws_one_row_per_example_longest_prefix_first()
    {
        var figure = DataPlots.Augmentation([7, 8, 9, 10, 6], title: "aug");
        foreach (var text in new[] { "prefix of 4 → target 6", "prefix of 3 → target 10", "prefix of 1 → target 8" })
            Assert.Contains(text, figure.Html);
        Assert.True(figure.Html.IndexOf("target 6", StringComparison.Ordinal) < figure.Html.IndexOf("target 8", StringComparison.Ordinal));
        Assert.Contains("5 clicks gives 4 examples", figure.Description);
        // 5 session boxes + 4 rows of 5 boxes + 3 legend swatches.
        Assert.Equal(5 + 20 + 3, Count(figure.Html, "<rect"));
        Assert.Throws<ArgumentException>(() => DataPlots.Augmentation([1]));
    }

    [Fact]
    public void Statistics_table_formats_numbers_and_marks_missing_figures()
    {
        var html = DataPlots.StatisticsTable(PublishedStatistics.AuthorsCode.Take(1), "stats").Html;
        Assert.Contains("719,470", html);
        Assert.Contains("43,097", html);
        Assert.Contains("<td style=\"padding:3px 10px;text-align:right;font-variant-numeric:tabular-nums\">–</td>", html);
        Assert.Contains(">stats</caption>", html);
        Assert.Contains("item table 43,098 rows", html);
    }
}
