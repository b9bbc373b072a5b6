using System.Text.RegularExpressions;
using Plotly.NET;
using Tagnn.Course;
using Tagnn.Graphs;

namespace Tagnn.Tests.Notebooks;

/// <summary>Heatmaps: rows in matrix order, printed values, a session graph's adjacency as fractions.</summary>
public sealed class HeatmapsTests
{
    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    [Fact]
    public void Matrix_heatmap_keeps_rows_in_matrix_order_with_labels()
    {
        var z = new double[,] { { 0.1, 0.9 }, { 0.7, 0.3 }, { 0.5, 0.5 } };
        var json = GenericChart.toFigureJson(Heatmaps.Matrix(z, "attention", ["v1", "v2"], ["c1", "c2", "c3"]));
        Assert.Contains("\"z\":[[0.1,0.9],[0.7,0.3],[0.5,0.5]]", json);
        Assert.Contains("\"x\":[\"v1\",\"v2\"]", json);
        Assert.Contains("\"y\":[\"c1\",\"c2\",\"c3\"]", json);
        Assert.Contains("\"autorange\":\"reversed\"", json);
        Assert.Throws<ArgumentException>(() => Heatmaps.Matrix(z, "t", columnLabels: ["only one"]));
        Assert.Throws<ArgumentException>(() => Heatmaps.Matrix(z, "t", rowLabels: ["r1"]));
    }

    [Fact]
    public void Annotated_heatmap_prints_each_value_and_can_colour_by_log10()
    {
        var values = new double[,] { { 0.5, 0.0 }, { 0.01, 1e-4 } };
        var json = GenericChart.toFigureJson(Heatmaps.Annotated(values, "reach", ["v1", "v2"], ["1 step", "2 steps"], format: "0.0e0", logColor: true));
        Assert.Contains("\"x\":[\"v1\",\"v2\"]", json);
        Assert.Contains("\"y\":[\"1 step\",\"2 steps\"]", json);
        Assert.Contains("\"text\":\"5.0e-1\"", json);   // one annotation per cell, formatted
        Assert.Contains("\"text\":\"0.0e0\"", json);
        Assert.Contains("\"text\":\"1.0e-4\"", json);
        Assert.Contains("-2.0", json);                   // log10(0.01) colours the cell
        Assert.Contains("reach (colour: log10)", json);
        Assert.Throws<ArgumentException>(() => Heatmaps.Annotated(values, "t", columnLabels: ["only one"]));
    }

    [Fact]
    public void Annotated_heatmap_without_log_colour_keeps_the_values()
    {
        var json = GenericChart.toFigureJson(Heatmaps.Annotated(new double[,] { { 0.25, 0.75 } }, "beta"));
        Assert.Contains("\"z\":[[0.25,0.75]]", json);
        Assert.Contains("\"text\":\"0.75\"", json);
        Assert.Contains("\"autorange\":\"reversed\"", json);
    }

    [Fact]
    public void Adjacency_shows_in_and_out_halves_with_their_values_as_fractions()
    {
        var graph = SessionGraph.Build([1, 2, 3, 2, 4]);
        var json = GenericChart.toFigureJson(Heatmaps.Adjacency(graph, "adjacency"));

        Assert.Equal(2, Count(json, "\"type\":\"heatmap\",\"name\":\"(in|out)\""));
        // Row of item 2 (node 1): in from items 1 and 3, out to items 3 and 4, 1/2 each.
        Assert.Contains("\"z\":[[0.0,0.0,0.0,0.0],[0.5,0.0,0.5,0.0],[0.0,1.0,0.0,0.0],[0.0,1.0,0.0,0.0]]", json);
        Assert.Contains("\"z\":[[0.0,1.0,0.0,0.0],[0.0,0.0,0.5,0.5],[0.0,1.0,0.0,0.0],[0.0,0.0,0.0,0.0]]", json);
        Assert.Contains("[\"1/2\",\"\",\"1/2\",\"\"]", json);
        Assert.Contains("\"texttemplate\":\"%{text}\"", json);
        Assert.Contains("\"1: 2\"", json);   // axis label: node 1 holds item 2
    }

    [Theory]
    [InlineData(0.0, "")]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "1/2")]
    [InlineData(1.0 / 3, "1/3")]
    [InlineData(0.4, "0.4")]
    public void Fractions_are_written_as_1_over_k(double value, string text) =>
        Assert.Equal(text, Heatmaps.Fraction((float)value));
}
