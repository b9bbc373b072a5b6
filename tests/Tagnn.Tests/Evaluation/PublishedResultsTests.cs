using Tagnn.Evaluation;

namespace Tagnn.Tests.Evaluation;

public sealed class PublishedResultsTests
{
    [Theory]
    // Hand-checked against the TAGNN paper's Table 1 (Yu et al., SIGIR 2020): the corners, the two GNN rows and a
    // value with a trailing zero.
    [InlineData("pop", "Diginetica", "P@20", 0.89)]
    [InlineData("pop", "Yoochoose 1/64", "MRR@20", 1.65)]
    [InlineData("itemknn", "Yoochoose 1/64", "P@20", 51.60)]
    [InlineData("gru4rec", "Diginetica", "MRR@20", 8.33)]
    [InlineData("narm", "Diginetica", "P@20", 49.70)]
    [InlineData("srgnn", "Diginetica", "P@20", 50.73)]
    [InlineData("srgnn", "Yoochoose 1/64", "MRR@20", 30.94)]
    [InlineData("tagnn", "Diginetica", "P@20", 51.31)]
    [InlineData("tagnn", "Diginetica", "MRR@20", 18.03)]
    [InlineData("tagnn", "Yoochoose 1/64", "P@20", 71.02)]
    [InlineData("tagnn", "Yoochoose 1/64", "MRR@20", 31.12)]
    public void Hand_checked_values_of_Table_1(string model, string dataset, string metric, double value)
    {
        var result = PublishedResults.Get(model, dataset, metric);
        Assert.Equal(value, result.Value);
        Assert.Equal("Yu et al., SIGIR 2020 (TAGNN), Table 1", result.Citation);
    }

    [Fact]
    public void Table_1_has_ten_methods_two_datasets_two_metrics_and_nothing_else()
    {
        var table = PublishedResults.TagnnTable1;
        Assert.Equal(40, table.Count);
        Assert.Equal(["pop", "spop", "itemknn", "bprmf", "fpmc", "gru4rec", "narm", "stamp", "srgnn", "tagnn"],
            table.Select(r => r.ModelKey).Distinct());
        Assert.Equal(["Diginetica", "Yoochoose 1/64"], table.Select(r => r.Dataset).Distinct());
        Assert.Equal(["P@20", "MRR@20"], table.Select(r => r.Metric).Distinct());
        Assert.Equal(40, table.Select(r => (r.ModelKey, r.Dataset, r.Metric)).Distinct().Count());
        Assert.All(table, r => Assert.InRange(r.Value, 0, 100));
        // The paper has no Yoochoose 1/4 column and no NDCG: nothing may be quoted for them.
        Assert.Null(PublishedResults.Find("tagnn", "Yoochoose 1/4", "P@20"));
        Assert.Null(PublishedResults.Find("srgnn", "Yoochoose 1/4", "MRR@20"));
        Assert.Null(PublishedResults.Find("tagnn", "Diginetica", "NDCG@20"));
        var error = Assert.Throws<KeyNotFoundException>(() => PublishedResults.Get("tagnn", "Yoochoose 1/4", "P@20"));
        Assert.Contains("Yoochoose 1/64", error.Message);
    }

    [Fact]
    public void TAGNN_is_best_in_every_column_as_the_paper_bolds_it()
    {
        foreach (var column in PublishedResults.TagnnTable1.GroupBy(r => (r.Dataset, r.Metric)))
            Assert.Equal("tagnn", column.MaxBy(r => r.Value)!.ModelKey);
    }

    [Fact]
    public void The_improvement_row_is_TAGNN_over_SR_GNN_rounded_to_two_decimals()
    {
        Assert.Equal(4, PublishedResults.TagnnTable1Improvement.Count);
        foreach (var improvement in PublishedResults.TagnnTable1Improvement)
        {
            var tagnn = PublishedResults.Get("tagnn", improvement.Dataset, improvement.Metric).Value;
            var srgnn = PublishedResults.Get("srgnn", improvement.Dataset, improvement.Metric).Value;
            // SR-GNN is the best baseline in every column, so the row is TAGNN's relative gain over it.
            var bestBaseline = PublishedResults.TagnnTable1
                .Where(r => r.ModelKey != "tagnn" && r.Dataset == improvement.Dataset && r.Metric == improvement.Metric)
                .MaxBy(r => r.Value)!;
            Assert.Equal("srgnn", bestBaseline.ModelKey);
            Assert.Equal(improvement.Value, Math.Round(100 * (tagnn - srgnn) / srgnn, 2));
        }
        Assert.Equal(PublishedResults.TagnnTable1.Count + 4, PublishedResults.All.Count);
    }

    [Fact]
    public void Lookup_ignores_case_and_describes_itself()
    {
        var result = PublishedResults.Get("TAGNN", "diginetica", "mrr@20");
        Assert.Equal("TAGNN, Diginetica, MRR@20 = 18.03 (Yu et al., SIGIR 2020 (TAGNN), Table 1)", result.ToString());
    }
}
