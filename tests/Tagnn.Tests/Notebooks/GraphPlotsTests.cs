using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Tagnn.Graphs;
using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

/// <summary>The session-graph pictures draw what the graph holds: one arrow per distinct edge, the steps on each edge,
/// the padding node apart, the adjacency values as fractions, one alias line per position, the batch tensors.</summary>
public sealed partial class GraphPlotsTests
{
    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    [Fact]
    public void Draw_shows_every_node_and_one_arrow_per_distinct_edge_labelled_with_its_steps()
    {
        var graph = SessionGraph.Build([1, 2, 1, 3]);
        var svg = GraphPlots.Draw(graph, "walk", label: i => $"v{i}").Html;

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Equal(3, Count(svg, "<circle"));                          // v1, v2, v3
        Assert.Equal(3, Count(svg, "marker-end="));                      // 1->2, 2->1, 1->3
        foreach (var text in new[] { ">v1<", ">v2<", ">v3<", ">node 0<", ">node 2<", ">1<", ">2<", ">3<", "walk" })
            Assert.Contains(text, svg);
        Assert.Contains("clicks: v1 → v2 → v1 → v3", svg);
        Assert.Equal(3, Count(svg, " Q"));                                // three edges, no self-loop
        Assert.Equal(0, Count(svg, " C"));
    }

    [Fact]
    public void A_repeated_transition_is_one_edge_with_both_steps_and_a_repeated_click_is_a_loop()
    {
        var svg = GraphPlots.Draw(SessionGraph.Build([5, 6, 5, 6, 6, 7])).Html;
        Assert.Equal(4, Count(svg, "marker-end="));   // 5->6, 6->5, 6->6, 6->7
        Assert.Contains(">1, 3<", svg);               // 5 -> 6 at steps 1 and 3
        Assert.Equal(1, Count(svg, " C"));            // the self-loop is the only cubic curve
        Assert.DoesNotContain("padding", svg);
    }

    [Fact]
    public void A_padded_graph_draws_item_0_apart_without_edges()
    {
        var graph = SessionGraph.Build([1, 2], paddedLength: 4);
        var svg = GraphPlots.Draw(graph).Html;
        Assert.Equal(3, Count(svg, "<circle"));
        Assert.Contains("padding (no edges)", svg);
        Assert.Equal(1, Count(svg, "marker-end="));
        Assert.Contains(">node 0<", svg);
    }

    [Fact]
    public void Long_captions_wrap_at_the_arrows()
    {
        var lines = GraphPlots.Wrap("clicks: 1 → 22 → 333 → 4444 → 55555", 16);
        Assert.Equal(["clicks: 1 → 22 →", "333 → 4444 →", "55555"], lines);
        Assert.Single(GraphPlots.Wrap("clicks: 1 → 2", 80));
    }

    [Fact]
    public void Adjacency_shows_in_and_out_halves_with_their_values_as_fractions()
    {
        var graph = SessionGraph.Build([1, 2, 3, 2, 4]);
        var json = GenericChart.toFigureJson(GraphPlots.Adjacency(graph, "adjacency"));

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
        Assert.Equal(text, GraphPlots.Fraction((float)value));

    [Fact]
    public void Alias_draws_one_line_per_position_and_prints_the_alias()
    {
        var graph = SessionGraph.Build([1, 2, 1, 3], paddedLength: 6);
        var svg = GraphPlots.Alias(graph).Html;
        Assert.Contains("alias = [1, 2, 1, 3, 0, 0]", svg);
        Assert.Equal(6, Count(svg, "<line"));
        Assert.Equal(4, Count(svg, "<circle"));   // nodes 0 (padding), 1, 2, 3
        Assert.Equal(2, Count(svg, "<line[^>]*stroke-dasharray")); // the two padding positions
    }

    [Fact]
    public void Batch_draws_the_items_at_each_position_and_the_node_lists()
    {
        using var batch = SessionBatch.FromSessions([[7, 8], [3, 4, 3, 5]], padLength: 6, PaddingPolicy.Dataset);
        var figure = GraphPlots.Batch(batch, "b");
        Assert.Contains("batch of 2: L = 6 positions, n = 4 nodes", figure.Description);
        // 2 examples x 6 positions + 2 x 4 node slots = 20 cells, plus 3 legend swatches.
        Assert.Equal(20 + 3, Count(figure.Html, "<rect"));

        var summarised = GraphPlots.Batch(batch, maxPositions: 4);
        Assert.Contains("… +3 padding", summarised.Html);   // example 0: positions 3..5 are padding
        Assert.Contains("… +3 (1 real)", summarised.Html);  // example 1: position 3 is its 4th click
    }

    [Fact]
    public void Figures_render_as_their_html_in_notebooks()
    {
        NotebookFormatters.Register();
        var figure = GraphPlots.Draw(SessionGraph.Build([1, 2]), "two");
        Assert.Equal(figure.Html, figure.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Equal(figure.Description, figure.ToDisplayString(PlainTextFormatter.MimeType));
        var row = HtmlFigure.Row(figure, figure);
        Assert.Equal(2, Count(row.Html, "<svg"));
        Assert.StartsWith("<div style=\"display:flex", row.Html, StringComparison.Ordinal);
    }
}
