using System.Text.RegularExpressions;
using Plotly.NET;
using Tagnn.Evaluation;
using Tagnn.Course;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

public sealed class EvaluationPlotsTests
{
    private static ResultRow Row(string model, double p20, double mrr20, double ndcg20, double coverage, double popularity) =>
        new(model, p20, mrr20, new Dictionary<string, double>
        {
            ["hit_rate@20"] = p20, ["mrr@20"] = mrr20, ["ndcg@20"] = ndcg20, ["coverage@20"] = coverage, ["popularity@20"] = popularity,
        }, "note");

    [Fact]
    public void A_ranked_example_knows_the_rank_of_its_target()
    {
        Assert.Equal(3, new RankedExample("a", [5, 4, 9, 1], 9).Rank);
        Assert.Null(new RankedExample("b", [5, 4], 9).Rank);
    }

    [Fact]
    public void Ranked_lists_draw_k_boxes_per_row_and_show_a_target_outside_the_top_k()
    {
        RankedExample[] lists = [new("hit", [3, 1, 2, 4], 1), new("miss", [1, 2, 3, 4], 4)];
        var html = EvaluationPlots.RankedLists(lists, k: 2, label: id => $"item{id}").Html;
        Assert.Equal(2 * 2 + 1, Regex.Matches(html, "<rect ").Count);             // k boxes per row + the miss's target
        Assert.Contains(">item1</text>", html);
        Assert.Contains("outside the top 2", html);
        Assert.Contains(">4</text>", html);                                       // the miss's rank
        Assert.Throws<ArgumentException>(() => EvaluationPlots.RankedLists(lists, k: 5));
        Assert.Throws<ArgumentException>(() => EvaluationPlots.RankedLists([], k: 1));
    }

    [Fact]
    public void Results_table_bolds_the_best_accuracy_of_each_column_only()
    {
        var html = EvaluationPlots.ResultsTable([Row("POP", 27.5, 8, 12, 1.5, 900), Row("TAGNN", 63.25, 34, 41, 40, 300)], "sample").Html;
        Assert.Contains("font-weight:bold\">63.25<", html);
        Assert.Contains("font-weight:bold\">34.00<", html);
        Assert.DoesNotContain("font-weight:bold\">27.50<", html);
        Assert.DoesNotContain("font-weight:bold\">900<", html);                  // popularity is not "better" either way
        Assert.Contains(">sample</caption>", html);
        var missing = EvaluationPlots.ResultsTable([new ResultRow("x", 1, 2, new Dictionary<string, double>(), "n")]).Html;
        Assert.Contains(">–<", missing);
    }

    [Fact]
    public void Recommendations_show_coverage_and_popularity_per_model()
    {
        var json = GenericChart.toFigureJson(EvaluationPlots.Recommendations([Row("POP", 27, 8, 12, 1.5, 900), Row("SKNN", 60, 20, 30, 45, 250)]));
        Assert.Contains("\"y\":[1.5,45.0]", json);
        Assert.Contains("\"y\":[900.0,250.0]", json);
        Assert.Contains("\"x\":[\"POP\",\"SKNN\"]", json);
    }

    [Fact]
    public void Result_rows_come_from_summaries_and_baselines()
    {
        var summary = new RunSummary
        {
            Model = "TAGNN", Protocol = SelectionProtocol.Reference, Label = "l", SelectedOn = "test",
            HitRate20 = 63.5, HitRate20Epoch = 7, Mrr20 = 37.5, Mrr20Epoch = 29, SelectedEpoch = 7,
            Test = new Dictionary<string, double> { ["hit_rate@20"] = 63.5, ["mrr@20"] = 37.0, ["ndcg@20"] = 44 },
            TestExamples = 10, Baselines = new Dictionary<string, BaselineResult>(), EpochsTrained = 30, EpochsPlanned = 30,
            StoppedEarly = false, Timings = new RunTimings(1, 1, 1, 0, 0, 2),
        };
        var row = ResultRow.FromRun("TAGNN", summary);
        Assert.Equal((63.5, 37.5), (row.HitRate20, row.Mrr20));            // the reported numbers, not the selected epoch's MRR
        Assert.Equal(44, row["ndcg@20"]);
        Assert.True(double.IsNaN(row["coverage@20"]));
        Assert.Contains("P@20 from epoch 7, MRR@20 from epoch 29", row.Note);
        Assert.Contains("on the test set", row.Note);
        var validation = ResultRow.FromRun("TAGNN", summary with { SelectedOn = "validation", Protocol = SelectionProtocol.Validation });
        Assert.Contains("chosen on validation", validation.Note);
        var pop = ResultRow.FromBaseline("POP", new BaselineResult(27, 8, new Dictionary<string, double> { ["coverage@20"] = 1.5 }, 0.1));
        Assert.Equal(1.5, pop["coverage@20"]);
    }
}
