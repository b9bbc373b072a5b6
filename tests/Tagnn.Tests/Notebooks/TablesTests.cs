using System.Text.RegularExpressions;
using Tagnn.Course;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

/// <summary>The HTML tables: dataset statistics, results with the best of each column in bold, epochs, run folders.</summary>
public sealed class TablesTests
{
    private static ResultRow Row(string model, double p20, double mrr20, double ndcg20, double coverage, double popularity) =>
        new(model, p20, mrr20, new Dictionary<string, double>
        {
            ["hit_rate@20"] = p20, ["mrr@20"] = mrr20, ["ndcg@20"] = ndcg20, ["coverage@20"] = coverage, ["popularity@20"] = popularity,
        }, "note");

    private static EpochResult Epoch(int epoch, double rate, double p20, double mrr20, bool best = true) =>
        new(epoch, rate, 5.0 - epoch, 4, 40, "validation",
            new MetricsReport(10, [new MetricsAtK(20, p20, mrr20, 30, 12.5, 30)]),
            new EpochImprovement(best, false), best ? 0 : 1, 1.5, 0.25);

    [Fact]
    public void Statistics_table_formats_numbers_and_marks_missing_figures()
    {
        var html = Tables.Statistics(PublishedStatistics.AuthorsCode.Take(1), "stats").Html;
        Assert.Contains("719,470", html);
        Assert.Contains("43,097", html);
        Assert.Contains("<td style=\"padding:3px 10px;text-align:right;font-variant-numeric:tabular-nums\">–</td>", html);
        Assert.Contains(">stats</caption>", html);
        Assert.Contains("item table 43,098 rows", html);
    }

    [Fact]
    public void Results_table_bolds_the_best_accuracy_of_each_column_only()
    {
        var html = Tables.Results([Row("POP", 27.5, 8, 12, 1.5, 900), Row("TAGNN", 63.25, 34, 41, 40, 300)], "sample").Html;
        Assert.Contains("font-weight:bold\">63.25<", html);
        Assert.Contains("font-weight:bold\">34.00<", html);
        Assert.DoesNotContain("font-weight:bold\">27.50<", html);
        Assert.DoesNotContain("font-weight:bold\">900<", html);                  // popularity is not "better" either way
        Assert.Contains(">sample</caption>", html);
        var missing = Tables.Results([new ResultRow("x", 1, 2, new Dictionary<string, double>(), "n")]).Html;
        Assert.Contains(">–<", missing);
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

    [Fact]
    public void Epoch_table_has_a_row_per_epoch_and_marks_new_bests()
    {
        var html = Tables.Epochs([Epoch(0, 1e-3, 40, 10), Epoch(1, 1e-4, 39.5, 9, best: false)], "runs").Html;
        Assert.Equal(2, Regex.Matches(html, "<tr style=\"border-bottom:1px").Count);
        Assert.Contains(">40.00 *<", html);
        Assert.Contains(">39.50<", html);
        Assert.Contains(">1e-4<", html);
        Assert.Contains("runs", html);
    }

    [Fact]
    public void Run_files_lists_what_a_run_folder_holds_and_what_is_missing()
    {
        using var folder = CourseRepository.NewTempFolder();
        var config = new RunConfig
        {
            Model = Tagnn.Model.ModelConfig.ForTagnn(5),
            Training = new TrainingOptions(),
            Data = new RunData(null, 4, 10, 3, null, null, 5, 4, null, 3, null),
        };
        var run = RunFolder.Create(Path.Combine(folder.Path, "run"), config);
        var html = Tables.RunFiles(run).Html;
        Assert.Contains("config.json", html);
        Assert.Matches("config.json</td><td[^>]*>[0-9.]+ (B|KB)<", html);
        Assert.Matches("summary.json</td><td[^>]*>missing<", html);
        Assert.Contains("checkpoints/best.safetensors", html);
    }
}
