using Plotly.NET;
using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

public sealed class PlotsTests
{
    [Fact]
    public void Line_plots_the_values_against_their_index_with_titles()
    {
        var json = GenericChart.toFigureJson(Plots.Line([3.0, 2.0, 1.5], "loss curve", xTitle: "step", yTitle: "loss", logY: true));
        Assert.Contains("\"x\":[0.0,1.0,2.0]", json);
        Assert.Contains("\"y\":[3.0,2.0,1.5]", json);
        Assert.Contains("\"text\":\"loss curve\"", json);
        Assert.Contains("\"text\":\"step\"", json);
        Assert.Contains("\"type\":\"log\"", json);
        Assert.Contains($"\"width\":{Plots.Width}", json);
    }

    [Fact]
    public void Lines_draws_one_trace_per_series_and_rejects_mismatched_lengths()
    {
        var json = GenericChart.toFigureJson(Plots.Lines([("train", null, [1.0, 0.5]), ("test", [0.0, 2.0], [1.2, 0.9])], "loss"));
        Assert.Contains("\"name\":\"train\"", json);
        Assert.Contains("\"name\":\"test\"", json);
        Assert.Contains("\"x\":[0.0,2.0]", json);
        Assert.DoesNotContain("\"type\":\"log\"", json);
        var e = Assert.Throws<ArgumentException>(() => Plots.Lines([("bad", [0.0], [1.0, 2.0])], "t"));
        Assert.Contains("'bad' has 1 x values but 2 y values", e.Message);
        Assert.Throws<ArgumentException>(() => Plots.Lines([], "t"));
    }

    [Fact]
    public void Bar_pairs_labels_and_values()
    {
        var json = GenericChart.toFigureJson(Plots.Bar(["POP", "SR-GNN", "TAGNN"], [5.9, 50.7, 51.3], "P@20"));
        Assert.Contains("\"x\":[\"POP\",\"SR-GNN\",\"TAGNN\"]", json);
        Assert.Contains("\"y\":[5.9,50.7,51.3]", json);
        Assert.Throws<ArgumentException>(() => Plots.Bar(["a"], [1.0, 2.0], "t"));
    }

    [Fact]
    public void Heatmap_keeps_rows_in_matrix_order_with_labels()
    {
        var z = new double[,] { { 0.1, 0.9 }, { 0.7, 0.3 }, { 0.5, 0.5 } };
        var json = GenericChart.toFigureJson(Plots.Heatmap(z, "attention", ["v1", "v2"], ["c1", "c2", "c3"]));
        Assert.Contains("\"z\":[[0.1,0.9],[0.7,0.3],[0.5,0.5]]", json);
        Assert.Contains("\"x\":[\"v1\",\"v2\"]", json);
        Assert.Contains("\"y\":[\"c1\",\"c2\",\"c3\"]", json);
        Assert.Contains("\"autorange\":\"reversed\"", json);
        Assert.Throws<ArgumentException>(() => Plots.Heatmap(z, "t", columnLabels: ["only one"]));
        Assert.Throws<ArgumentException>(() => Plots.Heatmap(z, "t", rowLabels: ["r1"]));
    }
}
