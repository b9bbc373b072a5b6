using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using Tagnn.Course;
using Tagnn.Graphs;

namespace Tagnn.Tests.Notebooks;

/// <summary>The SVG diagrams draw what the data holds: one arrow per distinct edge, the steps on each edge, the padding node apart, one alias line per position, the batch tensors, the examples of a session, ranked lists.</summary>
public sealed class DiagramsTests
{
    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    [Fact]
    public void Session_graph_shows_every_node_and_one_arrow_per_distinct_edge_labelled_with_its_steps()
    {
        var graph = SessionGraph.Build([1, 2, 1, 3]);
        var svg = Diagrams.SessionGraph(graph, "walk", label: i => $"v{i}").Html;

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
        var svg = Diagrams.SessionGraph(SessionGraph.Build([5, 6, 5, 6, 6, 7])).Html;
        Assert.Equal(4, Count(svg, "marker-end="));   // 5->6, 6->5, 6->6, 6->7
        Assert.Contains(">1, 3<", svg);               // 5 -> 6 at steps 1 and 3
        Assert.Equal(1, Count(svg, " C"));            // the self-loop is the only cubic curve
        Assert.DoesNotContain("padding", svg);
    }

    [Fact]
    public void A_padded_graph_draws_item_0_apart_without_edges()
    {
        var graph = SessionGraph.Build([1, 2], paddedLength: 4);
        var svg = Diagrams.SessionGraph(graph).Html;
        Assert.Equal(3, Count(svg, "<circle"));
        Assert.Contains("padding (no edges)", svg);
        Assert.Equal(1, Count(svg, "marker-end="));
        Assert.Contains(">node 0<", svg);
    }

    [Fact]
    public void Long_captions_wrap_at_the_arrows()
    {
        var lines = Diagrams.Wrap("clicks: 1 → 22 → 333 → 4444 → 55555", 16);
        Assert.Equal(["clicks: 1 → 22 →", "333 → 4444 →", "55555"], lines);
        Assert.Single(Diagrams.Wrap("clicks: 1 → 2", 80));
    }

    [Fact]
    public void Alias_draws_one_line_per_position_and_prints_the_alias()
    {
        var graph = SessionGraph.Build([1, 2, 1, 3], paddedLength: 6);
        var svg = Diagrams.Alias(graph).Html;
        Assert.Contains("alias = [1, 2, 1, 3, 0, 0]", svg);
        Assert.Equal(6, Count(svg, "<line"));
        Assert.Equal(4, Count(svg, "<circle"));   // nodes 0 (padding), 1, 2, 3
        Assert.Equal(2, Count(svg, "<line[^>]*stroke-dasharray")); // the two padding positions
    }

    [Fact]
    public void Batch_draws_the_items_at_each_position_and_the_node_lists()
    {
        using var batch = SessionBatch.FromSessions([[7, 8], [3, 4, 3, 5]], padLength: 6, PaddingPolicy.Dataset);
        var figure = Diagrams.Batch(batch, "b");
        Assert.Contains("batch of 2: L = 6 positions, n = 4 nodes", figure.Description);
        // 2 examples x 6 positions + 2 x 4 node slots = 20 cells, plus 3 legend swatches.
        Assert.Equal(20 + 3, Count(figure.Html, "<rect"));

        var summarised = Diagrams.Batch(batch, maxPositions: 4);
        Assert.Contains("… +3 padding", summarised.Html);   // example 0: positions 3..5 are padding
        Assert.Contains("… +3 (1 real)", summarised.Html);  // example 1: position 3 is its 4th click
    }

    [Fact]
    public void Figures_render_as_their_html_in_notebooks()
    {
        NotebookFormatters.Register();
        var figure = Diagrams.SessionGraph(SessionGraph.Build([1, 2]), "two");
        Assert.Equal(figure.Html, figure.ToDisplayString(HtmlFormatter.MimeType));
        Assert.Equal(figure.Description, figure.ToDisplayString(PlainTextFormatter.MimeType));
        var row = HtmlFigure.Row(figure, figure);
        Assert.Equal(2, Count(row.Html, "<svg"));
        Assert.StartsWith("<div style=\"display:flex", row.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Augmentation_draws_one_row_per_example_longest_prefix_first()
    {
        var figure = Diagrams.Augmentation([7, 8, 9, 10, 6], title: "aug");
        foreach (var text in new[] { "prefix of 4 → target 6", "prefix of 3 → target 10", "prefix of 1 → target 8" })
            Assert.Contains(text, figure.Html);
        Assert.True(figure.Html.IndexOf("target 6", StringComparison.Ordinal) < figure.Html.IndexOf("target 8", StringComparison.Ordinal));
        Assert.Contains("5 clicks gives 4 examples", figure.Description);
        // 5 session boxes + 4 rows of 5 boxes + 3 legend swatches.
        Assert.Equal(5 + 20 + 3, Count(figure.Html, "<rect"));
        Assert.Throws<ArgumentException>(() => Diagrams.Augmentation([1]));
    }

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
        var html = Diagrams.RankedLists(lists, k: 2, label: id => $"item{id}").Html;
        Assert.Equal(2 * 2 + 1, Regex.Matches(html, "<rect ").Count);             // k boxes per row + the miss's target
        Assert.Contains(">item1</text>", html);
        Assert.Contains("outside the top 2", html);
        Assert.Contains(">4</text>", html);                                       // the miss's rank
        Assert.Throws<ArgumentException>(() => Diagrams.RankedLists(lists, k: 5));
        Assert.Throws<ArgumentException>(() => Diagrams.RankedLists([], k: 1));
    }

    [Fact]
    public void The_model_picture_names_every_stage_with_its_equations_shapes_and_notebook()
    {
        var html = Diagrams.Model(items: 1352).Html;
        foreach (var stage in new[] { "session graph", "gated graph network", "target attention", "local embedding", "global embedding", "combination", "scores" })
            Assert.Contains($">{stage}</text>", html);
        foreach (var reference in new[] { "Eq. 1-5", "Eq. 6-7", "Eq. 8-9", "Eq. 10", "Section 2.5", "Section 2.1" })
            Assert.Contains(reference, html);
        Assert.DoesNotContain("Eq. 11", html);                                    // the paper's equations end at (10)
        Assert.Contains("(B, N, L)", html);
        Assert.Contains("N = 1,352", html);
        Assert.Equal(8 + 1, Count(html, "<rect "));                               // eight stages and the embedding table
    }
}
