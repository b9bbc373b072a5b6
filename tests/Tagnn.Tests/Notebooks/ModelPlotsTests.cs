using Plotly.NET;
using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

public sealed class ModelPlotsTests
{
    [Fact]
    public void ValueHeatmap_prints_each_value_and_can_colour_by_log10()
    {
        var values = new double[,] { { 0.5, 0.0 }, { 0.01, 1e-4 } };
        var json = GenericChart.toFigureJson(ModelPlots.ValueHeatmap(values, "reach", ["v1", "v2"], ["1 step", "2 steps"], format: "0.0e0", logColor: true));
        Assert.Contains("\"x\":[\"v1\",\"v2\"]", json);
        Assert.Contains("\"y\":[\"1 step\",\"2 steps\"]", json);
        Assert.Contains("\"text\":\"5.0e-1\"", json);   // one annotation per cell, formatted
        Assert.Contains("\"text\":\"0.0e0\"", json);
        Assert.Contains("\"text\":\"1.0e-4\"", json);
        Assert.Contains("-2.0", json);                   // log10(0.01) colours the cell
        Assert.Contains("reach (colour: log10)", json);
        Assert.Throws<ArgumentException>(() => ModelPlots.ValueHeatmap(values, "t", columnLabels: ["only one"]));
    }

    [Fact]
    public void ValueHeatmap_without_log_colour_keeps_the_values()
    {
        var json = GenericChart.toFigureJson(ModelPlots.ValueHeatmap(new double[,] { { 0.25, 0.75 } }, "beta"));
        Assert.Contains("\"z\":[[0.25,0.75]]", json);
        Assert.Contains("\"text\":\"0.75\"", json);
        Assert.Contains("\"autorange\":\"reversed\"", json);
    }

    [Fact]
    public void Columns_group_or_stack_named_series()
    {
        var grouped = GenericChart.toFigureJson(ModelPlots.Columns(["a", "b"], [("before", [1.0, 2.0]), ("after", [3.0, 4.0])], "t"));
        Assert.Contains("\"name\":\"before\"", grouped);
        Assert.Contains("\"name\":\"after\"", grouped);
        Assert.Contains("\"y\":[3.0,4.0]", grouped);
        Assert.DoesNotContain("\"barmode\":\"stack\"", grouped);
        var stacked = GenericChart.toFigureJson(ModelPlots.Columns(["a"], [("click 1", [0.3]), ("padding", [0.7])], "t", stacked: true, logY: false));
        Assert.Contains("\"barmode\":\"stack\"", stacked);
        var e = Assert.Throws<ArgumentException>(() => ModelPlots.Columns(["a", "b"], [("bad", [1.0])], "t"));
        Assert.Contains("'bad' has 1 values for 2 labels", e.Message);
        Assert.Throws<ArgumentException>(() => ModelPlots.Columns(["a"], [], "t"));
    }

    [Fact]
    public void Histograms_draw_one_trace_per_sample()
    {
        var json = GenericChart.toFigureJson(ModelPlots.Histograms([("r", [0.1, 0.5]), ("z", [0.4, 0.6, 0.9])], "gates", "value", bins: 10));
        Assert.Contains("\"type\":\"histogram\"", json);
        Assert.Contains("\"name\":\"r\"", json);
        Assert.Contains("\"x\":[0.4,0.6,0.9]", json);
        Assert.Contains("\"nbinsx\":10", json);
        Assert.Throws<ArgumentException>(() => ModelPlots.Histograms([], "t"));
    }
}
