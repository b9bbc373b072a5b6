using System.Text.RegularExpressions;
using Plotly.NET;
using Tagnn.Course;
using Tagnn.Data;

namespace Tagnn.Tests.Notebooks;

/// <summary>Bar charts: labelled values, grouped or stacked series, the preprocessing funnel, the date split, recommendations.</summary>
public sealed class BarChartsTests
{
    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    private static ResultRow Row(string model, double p20, double mrr20, double ndcg20, double coverage, double popularity) =>
        new(model, p20, mrr20, new Dictionary<string, double>
        {
            ["hit_rate@20"] = p20, ["mrr@20"] = mrr20, ["ndcg@20"] = ndcg20, ["coverage@20"] = coverage, ["popularity@20"] = popularity,
        }, "note");

    [Fact]
    public void Bar_pairs_labels_and_values()
    {
        var json = GenericChart.toFigureJson(BarCharts.Bar(["POP", "SR-GNN", "TAGNN"], [5.9, 50.7, 51.3], "P@20"));
        Assert.Contains("\"x\":[\"POP\",\"SR-GNN\",\"TAGNN\"]", json);
        Assert.Contains("\"y\":[5.9,50.7,51.3]", json);
        Assert.Throws<ArgumentException>(() => BarCharts.Bar(["a"], [1.0, 2.0], "t"));
    }

    [Fact]
    public void Columns_group_or_stack_named_series()
    {
        var grouped = GenericChart.toFigureJson(BarCharts.Columns(["a", "b"], [("before", [1.0, 2.0]), ("after", [3.0, 4.0])], "t"));
        Assert.Contains("\"name\":\"before\"", grouped);
        Assert.Contains("\"name\":\"after\"", grouped);
        Assert.Contains("\"y\":[3.0,4.0]", grouped);
        Assert.DoesNotContain("\"barmode\":\"stack\"", grouped);
        var stacked = GenericChart.toFigureJson(BarCharts.Columns(["a"], [("click 1", [0.3]), ("padding", [0.7])], "t", stacked: true, logY: false));
        Assert.Contains("\"barmode\":\"stack\"", stacked);
        var e = Assert.Throws<ArgumentException>(() => BarCharts.Columns(["a", "b"], [("bad", [1.0])], "t"));
        Assert.Contains("'bad' has 1 values for 2 labels", e.Message);
        Assert.Throws<ArgumentException>(() => BarCharts.Columns(["a"], [], "t"));
    }

    [Fact]
    public void Funnel_has_a_clicks_and_a_sessions_funnel_over_the_stages()
    {
        StepCount[] stages = [new("read", 100, 20), new("drop", 90, 15), new("split", 80, 14)];
        var json = GenericChart.toFigureJson(BarCharts.Funnel(stages));
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
        var json = GenericChart.toFigureJson(BarCharts.SplitTimeline(split));
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
    public void Recommendations_show_coverage_and_popularity_per_model()
    {
        var json = GenericChart.toFigureJson(BarCharts.Recommendations([Row("POP", 27, 8, 12, 1.5, 900), Row("SKNN", 60, 20, 30, 45, 250)]));
        Assert.Contains("\"y\":[1.5,45.0]", json);
        Assert.Contains("\"y\":[900.0,250.0]", json);
        Assert.Contains("\"x\":[\"POP\",\"SKNN\"]", json);
    }
}
