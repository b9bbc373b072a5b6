using Plotly.NET;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Model;
using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

public sealed class AttentionViewTests
{
    // 12 items "i1".."i12" in 3 topics of 4; an untrained reference TAGNN (its attention is as good as any for the
    // plumbing: the view must show the model's own numbers).
    private static readonly int[] Topics = [0, .. Enumerable.Range(0, 12).Select(i => i / 4 + 1)];

    private static Recommender Build(ModelConfig? config = null) => new(
        ModelFactory.Create(config ?? ModelConfig.ForTagnn(13) with { HiddenSize = 6 }, seed: 5),
        new ItemCatalog([.. Enumerable.Range(1, 12).Select(i => $"i{i}")]), padLength: 8);

    [Fact]
    public void Shows_the_recommenders_top_items_with_their_attention_and_topics()
    {
        var recommender = Build();
        int[] session = [1, 5, 2, 9, 5];
        var view = AttentionView.Create(recommender, session, Topics, k: 4, target: 6);

        var recommendation = recommender.Recommend(["i1", "i5", "i2", "i9", "i5"], k: 4);
        Assert.Equal(recommendation.Items.Select(i => i.ItemId), view.Candidates);
        Assert.Equal(recommendation.Items.Select(i => i.OriginalId), view.CandidateIds);
        Assert.Equal(new[] { "i1", "i5", "i2", "i9", "i5" }, view.ClickIds);
        Assert.Equal(new[] { 1, 2, 1, 3, 2 }, view.ClickTopics);
        Assert.Equal(view.Candidates.Select(c => Topics[c]), view.CandidateTopics);

        var expected = SessionAttention.Compute(recommender.SessionModel, session, view.Candidates, 8);
        for (var k = 0; k < 4; k++)
        {
            Assert.Equal(recommendation.Items[k].Score, view.Scores[k], 4);
            Assert.Equal(expected.PaddingShare(k), view.BetaPadding[k], 9);
            for (var i = 0; i < session.Length; i++) Assert.Equal(expected.Beta[k, i], view.Beta[k, i], 9);
            var row = Enumerable.Range(0, session.Length).Select(i => view.Beta[k, i]).ToArray();
            Assert.Equal(TopicAttention.OwnTopicShare(view.ClickTopics, row, view.CandidateTopics[k]), view.OwnTopicShare(k));
        }
        Assert.Equal(expected.Alpha, view.Alpha);
        Assert.InRange(view.AlphaPadding, 0.01, 0.99);        // reference formulation: the softmax includes 3 padded positions
        Assert.Equal(1 - view.Alpha!.Sum(), view.AlphaPadding, 9);
    }

    [Fact]
    public void The_table_and_the_figure_label_items_by_original_id_in_topic_colours()
    {
        var recommender = Build();
        var first = AttentionView.Create(recommender, [1, 5, 2], Topics, k: 3);
        var target = first.Candidates[1];
        var view = AttentionView.Create(recommender, [1, 5, 2], Topics, k: 3, target: target);

        var table = view.Table().Html;
        Assert.Contains($"<b><span style=\"color:{TopicColors.Of(view.CandidateTopics[1])}\">{view.CandidateIds[1]}</span></b>", table);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(table, "★ next click"));

        var json = GenericChart.toFigureJson(view.Figure("t"));
        Assert.Contains("\"type\":\"heatmap\"", json);
        Assert.Contains("\"orientation\":\"h\"", json);                                           // scores share the candidate axis
        Assert.Contains($"<span style=\\\"color:{TopicColors.Of(1)}\\\">i1</span>", json);          // click tick label
        Assert.Contains("★ ", json);                                                              // the next click is starred
        Assert.Contains("\"ticktext\"", json);
        Assert.Contains("pad", json);                                                             // reference: padding column
        // One arrowhead per edge of the graph 1 -> 5 -> 2 (both distinct): a closed triangle and a gap each.
        var heads = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("data").EnumerateArray()
            .Single(t => t.TryGetProperty("fill", out var fill) && fill.GetString() == "toself");
        Assert.Equal(2 * 5, heads.GetProperty("x").GetArrayLength());
    }

    [Fact]
    public void Masked_models_get_no_padding_column_and_unknown_ids_are_named()
    {
        var recommender = Build(ModelConfig.ForTagnn(13) with { HiddenSize = 6, Formulation = Formulation.Masked });
        var view = AttentionView.Create(recommender, "i3 i3 i10", Topics, k: 2);
        Assert.All(view.BetaPadding, p => Assert.Equal(0, p, 6));
        Assert.Equal(new[] { 3, 3, 10 }, view.Clicks);
        Assert.DoesNotContain("pad<br>", GenericChart.toFigureJson(view.Figure()));
        var e = Assert.Throws<ArgumentException>(() => AttentionView.Create(recommender, "i3 nope i4 gone", Topics));
        Assert.Contains("nope, gone", e.Message);
    }

    [Fact]
    public void Models_without_target_attention_are_refused()
    {
        var recommender = Build(ModelConfig.ForSrGnn(13) with { HiddenSize = 6 });
        var e = Assert.Throws<InvalidOperationException>(() => AttentionView.Create(recommender, [1, 2], Topics));
        Assert.Contains("no target attention", e.Message);
    }

    [Fact]
    public void Topic_colours_are_one_per_topic_and_grey_for_none()
    {
        Assert.Equal(TopicColors.Palette[0], TopicColors.Of(1));
        Assert.Equal(TopicColors.Palette[9], TopicColors.Of(10));
        Assert.Equal(TopicColors.Palette[0], TopicColors.Of(11));                              // wraps around
        Assert.Equal(TopicColors.None, TopicColors.Of(0));
        Assert.Equal(10, TopicColors.Palette.Distinct().Count());
        Assert.DoesNotContain(TopicColors.None, TopicColors.Palette);
        Assert.Equal("<span style=\"color:#2ca02c\">a&lt;b</span>", TopicColors.Colored("a<b", 3));
        Assert.Equal("t4", TopicColors.Label(4));
    }

    [Fact]
    public void Share_by_chance_bins_pairs_and_draws_the_diagonal()
    {
        (double, double)[] pairs = [(0.9, 0.5), (0.7, 0.55), (0.2, 0.25), (1.0, 1.0)];
        var bins = LineCharts.Bin(pairs, bins: 4).ToList();
        Assert.Equal(3, bins.Count);
        Assert.Equal((1, 0.25, 0.2), bins[0]);
        Assert.Equal(2, bins[1].Count);
        Assert.Equal(0.525, bins[1].MeanChance, 12);
        Assert.Equal(0.8, bins[1].MeanShare, 12);
        Assert.Equal((1, 1.0, 1.0), bins[2]);                                                   // chance 1 goes into the last bin

        var json = GenericChart.toFigureJson(LineCharts.ShareByChance([("trained", pairs)], "t", bins: 4, minPairs: 2));
        Assert.Contains("chance (attention blind to topics)", json);
        Assert.Contains("\"x\":[0.525]", json);                                                 // only the bin with 2 pairs
    }
}
