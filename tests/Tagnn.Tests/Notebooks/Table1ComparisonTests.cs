using Plotly.NET;
using Tagnn.Evaluation;
using Tagnn.Experiments;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

using Tagnn.Course;

/// <summary>Notebook 08's reading of a results table beside the paper's Table 1, and the table the repository ships.</summary>
public sealed class Table1ComparisonTests
{
    private static Table1Row Row(string model, string title, bool inPaper, double? p20, double? mrr20, string kind = "neural") => new()
    {
        Model = model, Title = title, Kind = kind, InPaper = inPaper, Status = p20 is null ? Table1Status.Failed : Table1Status.Done,
        Seeds = p20 is null ? 0 : 1, P20Mean = p20, Mrr20Mean = mrr20, Ndcg20Mean = mrr20 is { } m ? m + 5 : null,
    };

    private static Table1Result Table(params Table1Row[] rows) => new()
    {
        Data = new Table1Data("/data", "tiny", "diginetica", null, 30, 100, 100, Sample: false),
        PaperDatasetNote = "not the paper's dataset", Protocol = SelectionProtocol.Reference, ProtocolNote = "", Epochs = 1,
        EpochsPreset = "custom", EpochsNote = "", Patience = 10, Seeds = [2020], Rows = rows,
    };

    [Fact]
    public void Rows_carry_the_papers_numbers_on_both_datasets_for_the_papers_methods_only()
    {
        var rows = Table1Comparison.Rows(Table(Row("tagnn", "TAGNN", true, 60, 30), Row("sknn", "SKNN", false, 62, 25, "baseline"),
            Row("narm", "NARM", true, null, null)));
        Assert.Equal(["tagnn", "sknn", "narm"], rows.Select(r => r.Model));
        var tagnn = rows[0];
        Assert.Equal((60.0, 30.0), (tagnn.P20!.Value, tagnn.Mrr20!.Value));
        Assert.Equal(PublishedResults.Get("tagnn", PublishedResults.Diginetica, PublishedResults.P20).Value, tagnn.PaperDigineticaP20);
        Assert.Equal(PublishedResults.Get("tagnn", PublishedResults.Yoochoose64, PublishedResults.Mrr20).Value, tagnn.Paper(PublishedResults.Yoochoose64, PublishedResults.Mrr20));
        Assert.Equal(tagnn.Mrr20, tagnn.Ours(PublishedResults.Mrr20));
        Assert.Null(rows[1].PaperDigineticaP20);
        Assert.Null(rows[1].Paper(PublishedResults.Yoochoose64, PublishedResults.P20));
        Assert.Null(rows[2].P20);
        Assert.NotNull(rows[2].PaperDigineticaMrr20);
        Assert.Throws<ArgumentException>(() => tagnn.Ours("NDCG@20"));
        Assert.Throws<ArgumentException>(() => tagnn.Paper("Yoochoose 1/4", PublishedResults.P20));
    }

    [Fact]
    public void Standard_errors_are_the_binomial_formula_and_bound_the_mrr()
    {
        // p = 0.6 on 100 examples: sqrt(0.6 x 0.4 / 100) = sqrt(0.0024) = 0.048990, i.e. 4.8990 points.
        Assert.Equal(4.898979485566356, Table1Comparison.StandardError(60, 100), 12);
        Assert.Equal(0, Table1Comparison.StandardError(100, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Table1Comparison.StandardError(50, 0));
        // Reciprocal ranks 1, 1/2, 0, 0, 1/4: mean m = 0.35, E[r^2] = (1 + 0.25 + 0.0625) / 5 = 0.2625, so the variance
        // is 0.2625 - 0.1225 = 0.14, below the bound m (1 - m) = 0.2275.
        double[] rr = [1, 0.5, 0, 0, 0.25];
        var m = rr.Average();
        var sd = Math.Sqrt(rr.Average(r => r * r) - m * m);
        Assert.Equal(0.14, sd * sd, 12);
        Assert.True(100 * sd / Math.Sqrt(rr.Length) <= Table1Comparison.MrrStandardErrorBound(100 * m, rr.Length));
        Assert.Equal(100 * Math.Sqrt(0.2275 / 5), Table1Comparison.MrrStandardErrorBound(35, 5), 12);
    }

    [Fact]
    public void Gaps_to_a_reference_add_both_variances_and_are_clear_beyond_two_standard_errors()
    {
        var rows = Table1Comparison.Rows(Table(Row("pop", "POP", true, 20, 5, "baseline"), Row("tagnn", "TAGNN", true, 60, 30),
            Row("sr", "SR", false, 64, 42, "baseline"), Row("narm", "NARM", true, null, null)));
        var gaps = Table1Comparison.Against(rows, "tagnn", PublishedResults.P20, 100);
        Assert.Equal(["pop", "sr"], gaps.Select(g => g.Model)); // no reference, no row without a value
        var sr = gaps[1];
        // SE(64 %) = sqrt(0.64 x 0.36 / 100) = 0.048, SE(60 %) = 0.04899: sqrt(0.048^2 + 0.04899^2) = 0.068586 -> 6.8586 points.
        Assert.Equal(Math.Sqrt(0.0023040 + 0.0024000) * 100, sr.StandardError, 10);
        Assert.Equal(4, sr.Difference, 12);
        Assert.False(sr.Clear);                              // 4 points < 2 x 6.86
        Assert.True(gaps[0].Clear);                          // -40 points
        var mrr = Table1Comparison.Against(rows, "tagnn", PublishedResults.Mrr20, 10_000);
        Assert.True(mrr.Single(g => g.Model == "sr").Clear); // 12 points on 10,000 examples
        Assert.Throws<ArgumentException>(() => Table1Comparison.Against(rows, "srgnn", PublishedResults.P20, 100));
        Assert.Throws<ArgumentException>(() => Table1Comparison.Against(rows, "narm", PublishedResults.P20, 100));
    }

    [Fact]
    public void Concordance_counts_pairs_in_the_same_and_the_opposite_order_and_skips_ties()
    {
        // (1,2) same, (1,3) same, (2,3) opposite: tau = (2 - 1) / 3.
        Assert.Equal((2, 1, 3, 1 / 3.0), Table1Comparison.Concordance([1, 2, 3], [10, 30, 20]));
        // A tie in one order counts as neither: (1,2) tied in a, (1,3) and (2,3) the same.
        Assert.Equal((2, 0, 3, 2 / 3.0), Table1Comparison.Concordance([1, 1, 2], [1, 2, 3]));
        Assert.Equal((0, 6, 6, -1.0), Table1Comparison.Concordance([1, 2, 3, 4], [4, 3, 2, 1]));
        Assert.Throws<ArgumentException>(() => Table1Comparison.Concordance([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => Table1Comparison.Concordance([1], [1]));
    }

    [Fact]
    public void The_chart_has_our_bars_for_every_model_and_the_papers_beside_its_methods_in_two_panels()
    {
        var rows = Table1Comparison.Rows(Table(Row("tagnn", "TAGNN", true, 60, 30), Row("sknn", "SKNN", false, 62, 25, "baseline"),
            Row("narm", "NARM", true, null, null)));
        var json = GenericChart.toFigureJson(BarCharts.Table1(rows, "t", ours: "sample"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(json, "\"name\":\"sample\"").Count);
        Assert.Contains("\"x\":[\"TAGNN\",\"SKNN\"],\"y\":[60.0,62.0]", json);
        Assert.Contains("\"x\":[\"TAGNN\",\"SKNN\"],\"y\":[30.0,25.0]", json);
        var paper = PublishedResults.Get("tagnn", PublishedResults.Diginetica, PublishedResults.P20).Value;
        Assert.Contains($"\"x\":[\"TAGNN\"],\"y\":[{paper.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture)}]", json);
        Assert.Contains("\"name\":\"paper, Yoochoose 1/64\"", json);
        Assert.Contains("MRR@20 (%)", json);
        Assert.Throws<ArgumentException>(() => BarCharts.Table1([rows[2]], "t"));
    }

    [Fact]
    public void The_shipped_sample_table_has_every_model_done_once_on_the_bundled_sample()
    {
        var table = Table1Comparison.LoadSample();
        Assert.Equal(ModelCatalog.Table1Names, table.Rows.Select(r => r.Model));
        Assert.True(table.Complete, string.Join("; ", table.Rows.Where(r => r.Status != Table1Status.Done).Select(r => $"{r.Model}: {r.Status} {r.Error}")));
        Assert.True(table.Data.Sample);
        Assert.Equal(Tagnn.Data.SampleData.LoadPrepared().Test.Count, table.Data.TestExamples);
        Assert.Equal([2020L], table.Seeds);
        Assert.Equal(SelectionProtocol.Reference, table.Protocol);
        Assert.Equal(EpochPreset.Sample.Epochs, table.Epochs);
        Assert.Null(table.PaperDataset);
        Assert.All(table.Rows, r => Assert.InRange(r.P20Mean!.Value, 0.0, 100.0));
        Assert.All(table.Rows, r => Assert.InRange(r.Mrr20Mean!.Value, 0.0, r.P20Mean!.Value));
        // No weights, checkpoints or run folders: the three table files and the README.
        var folder = Path.GetDirectoryName(Table1Comparison.SamplePath)!;
        Assert.Equal(["README.md", "table1.csv", "table1.json", "table1.md"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length) < 1_000_000);
    }
}
