using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Experiments;
using Tagnn.Training;

namespace Tagnn.Tests.Experiments;

/// <summary>The table's files: the paper's datasets recognised from stats.json, the exact CSV, the markdown layout.</summary>
public sealed class Table1OutputsTests
{
    private static PreprocessStats Stats(string dataset, string? fraction, int train, int test, int items, int itemsInTrain) =>
        new(dataset, fraction, "x", [], 0, "2016-06-01", "2016-05-25", 1, 1, train, test, items, itemsInTrain, 5, 69, 69);

    private static readonly PreprocessStats Diginetica = Stats("diginetica", null, 719_470, 60_858, 43_097, 43_097);

    [Fact]
    public void The_papers_datasets_are_recognised_by_name_fraction_and_published_sizes()
    {
        Assert.Equal(PublishedResults.Diginetica, PaperDatasetMatch.Recognize(Diginetica, 719_470, 60_858).Dataset);
        // Yoochoose 1/64: the authors' code keeps the whole split's item table (37,483 items) and 17,377 in the fraction.
        var yoochoose = Stats("yoochoose", "1/64", 369_859, 55_898, 37_483, 17_377);
        Assert.Equal(PublishedResults.Yoochoose64, PaperDatasetMatch.Recognize(yoochoose, 369_859, 55_898).Dataset);
        Assert.Equal(PublishedResults.Yoochoose64, PaperDatasetMatch.Recognize(yoochoose with { ItemsInTrain = 16_766 }, 369_859, 55_898).Dataset);

        var quarter = PaperDatasetMatch.Recognize(Stats("yoochoose", "1/4", 5_917_745, 55_898, 37_483, 30_444), 5_917_745, 55_898);
        Assert.Null(quarter.Dataset);
        Assert.Contains("this data is yoochoose 1/4", quarter.Note);
        var synthetic = PaperDatasetMatch.Recognize(Diginetica with { TrainExamples = 53_863 }, 53_863, 60_858);
        Assert.Null(synthetic.Dataset);
        Assert.Contains("53,863 train examples (published 719,470)", synthetic.Note);
        var subset = PaperDatasetMatch.Recognize(Diginetica, 1_000, 60_858);
        Assert.Null(subset.Dataset);
        Assert.Contains("--max-train/--max-test", subset.Note);
        Assert.Null(PaperDatasetMatch.Recognize(SampleData.LoadPrepared().Stats, 53_863, 7_298).Dataset);
    }

    private static Table1Row Row(string model, double? p20, double? p20Std, double? mrr, Table1Status status = Table1Status.Done,
        string? error = null, bool deterministic = false, int seeds = 3)
    {
        var entry = ModelCatalog.Default.Find(model)!;
        var paper = PaperDatasetMatch.Recognize(Diginetica, 719_470, 60_858).Dataset!;
        var published = entry.InPaper ? (PublishedResults.Get(model, paper, PublishedResults.P20).Value, PublishedResults.Get(model, paper, PublishedResults.Mrr20).Value) : ((double, double)?)null;
        return new Table1Row
        {
            Model = model, Title = entry.Title, Kind = entry is NeuralEntry ? "neural" : "baseline", InPaper = entry.InPaper, Status = status,
            Deterministic = deterministic, PlannedRuns = deterministic ? 1 : 3, Seeds = p20 is null ? 0 : deterministic ? 1 : seeds,
            P20Mean = p20, P20Std = p20Std, Mrr20Mean = mrr, Mrr20Std = p20Std, Ndcg20Mean = p20 / 2, TrainSeconds = p20 is null ? null : 1, EvalSeconds = p20 is null ? null : 2,
            PaperP20 = published?.Item1, PaperMrr20 = published?.Item2, Error = error,
        };
    }

    private static Table1Result DigineticaTable() => new()
    {
        Data = new Table1Data("/data/diginetica", "diginetica", "diginetica", null, 43_097, 719_470, 60_858, false),
        PaperDataset = PublishedResults.Diginetica,
        PaperDatasetNote = PaperDatasetMatch.Recognize(Diginetica, 719_470, 60_858).Note,
        Protocol = SelectionProtocol.Reference,
        ProtocolNote = "reference: selected on the test set.",
        Epochs = 30,
        EpochsPreset = "reference",
        EpochsNote = EpochPreset.Reference.Explanation,
        Patience = 10,
        Seeds = [2020, 2021, 2022],
        Rows =
        [
            Row("pop", 0.95, 0, 0.21, deterministic: true),
            Row("srgnn", null, null, null, Table1Status.Failed, "ExternalException: out of memory | at step 3"),
            Row("tagnn", 51.0, 0.2, 18.5),
            Row("stan", 53.1, 0, 19.9, deterministic: true),
        ],
    };

    [Fact]
    public void On_diginetica_the_markdown_puts_the_published_numbers_and_the_difference_beside_ours()
    {
        var md = Table1Markdown.Render(DigineticaTable());
        Assert.Contains($"{PublishedResults.TagnnPaper}, Table 1, Diginetica columns; Δ = ours − paper", md);
        // TAGNN: ours 51.00 ± 0.20 against the paper's 51.31 (Δ -0.31); MRR@20 18.50 ± 0.20 against 18.03 (Δ +0.47).
        Assert.Contains("| TAGNN | 51.00 ± 0.20 | 51.31 | -0.31 | 18.50 ± 0.20 | 18.03 | +0.47 | 25.50 | 3 | 1.0 | 2.0 | done |", md);
        Assert.Contains("| POP | 0.95 | 0.89 | +0.06 | 0.21 | 0.20 | +0.01 | 0.47 | 1 (deterministic) |", md);
        // The paper's methods not run still show the paper's numbers; a failure says why (a pipe in the message escaped).
        Assert.Contains("| NARM | — | 49.70 | — | — | 16.17 | — |", md);
        Assert.Contains("| SR-GNN | — | 50.73 | — | — | 17.59 | — |", md);
        Assert.Contains("failed: ExternalException: out of memory \\| at step 3 |", md);
        // STAN is below the paper's methods, marked as not in its table, with no published number.
        var stan = md.IndexOf("| STAN | 53.10 | — | — | 19.90 | — | — |", StringComparison.Ordinal);
        Assert.True(stan > md.IndexOf(Table1Markdown.NotInPaper, StringComparison.Ordinal));
        Assert.True(md.IndexOf(Table1Markdown.NotInPaper, StringComparison.Ordinal) > md.IndexOf("| TAGNN |", StringComparison.Ordinal));
        Assert.Contains("Some models are not done", md);

        // It is one well-formed pipe table: the 10 paper methods, the separator row and STAN, 12 cells each.
        var table = Markdown.Parse(md, new MarkdownPipelineBuilder().UsePipeTables().Build()).Descendants<Table>().Single();
        var rows = table.OfType<TableRow>().ToList();
        Assert.Equal(1 + 10 + 1 + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(12, r.Count));
    }

    [Fact]
    public void Without_a_paper_dataset_the_markdown_has_our_columns_only()
    {
        var table = DigineticaTable() with { PaperDataset = null, PaperDatasetNote = "not the paper's data." };
        table = table with { Rows = [.. table.Rows.Select(r => r with { PaperP20 = null, PaperMrr20 = null })] };
        var md = Table1Markdown.Render(table);
        Assert.Contains("| Method | P@20 | MRR@20 | NDCG@20 | Seeds | Train s | Eval s | Status |", md);
        Assert.DoesNotContain("NARM", md);
        Assert.Contains("| TAGNN | 51.00 ± 0.20 | 18.50 ± 0.20 | 25.50 | 3 | 1.0 | 2.0 | done |", md);
        var parsed = Markdown.Parse(md, new MarkdownPipelineBuilder().UsePipeTables().Build()).Descendants<Table>().Single();
        Assert.All(parsed.OfType<TableRow>(), r => Assert.Equal(8, r.Count));
    }

    [Fact]
    public void The_csv_has_exactly_the_issue_columns_and_empty_cells_for_numbers_that_do_not_exist()
    {
        Assert.Equal("model,seeds,p20_mean,p20_std,mrr20_mean,mrr20_std,ndcg20_mean,train_seconds,eval_seconds", Table1Csv.Header);
        var text = Table1Csv.Format(DigineticaTable().Rows);
        Assert.Equal(
            [
                Table1Csv.Header,
                "pop,1,0.9500,0.0000,0.2100,0.0000,0.4750,1.00,2.00",
                "srgnn,0,,,,,,,",
                "tagnn,3,51.0000,0.2000,18.5000,0.2000,25.5000,1.00,2.00",
                "stan,1,53.1000,0.0000,19.9000,0.0000,26.5500,1.00,2.00",
            ],
            text.TrimEnd('\n').Split('\n'));
        Assert.Equal(Table1Csv.Header, Table1Csv.Format([]).TrimEnd('\n'));
    }

    [Fact]
    public void The_sample_gets_the_sample_preset_and_its_own_output_folder()
    {
        Assert.True(Table1Defaults.IsSample(SampleData.PreparedPath));
        Assert.True(Table1Defaults.IsSample(SampleData.PreparedPath + "/"));
        Assert.Equal("sample", Table1Defaults.DataName(SampleData.PreparedPath));
        Assert.Equal(Path.Combine("artifacts/table1", "sample"), Table1Defaults.Output(SampleData.PreparedPath, SelectionProtocol.Reference, null, null));
        Assert.Equal(Path.Combine("artifacts/table1", "diginetica-validation-train1000-test500"),
            Table1Defaults.Output("/somewhere/diginetica", SelectionProtocol.Validation, 1000, 500));
        Assert.Equal(EpochPreset.Sample, EpochPreset.For(sample: true));
        Assert.Equal(2, EpochPreset.Sample.Epochs);
        Assert.Equal(30, EpochPreset.Parse("reference").Epochs);
        Assert.Equal(5, EpochPreset.Parse("5").Epochs);
        Assert.Throws<ArgumentException>(() => EpochPreset.Parse("0"));
        Assert.Throws<ArgumentException>(() => EpochPreset.Parse("many"));
    }
}
