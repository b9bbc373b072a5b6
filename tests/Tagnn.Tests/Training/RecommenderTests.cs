using Tagnn.Evaluation;
using Tagnn.Model;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Tests.Training;

public sealed class RecommenderTests
{
    private static Recommender Build(ModelConfig config, int padLength = 9)
    {
        var prepared = TinyData.Prepared();
        var options = TinyData.Options(epochs: 1);
        var model = ModelFactory.Create(config, options.Seed);                  // the recommender keeps it
        using var trainer = new Trainer(model, TrainingData.From(prepared, options), options);
        trainer.Fit();
        return new Recommender(model, prepared.Items, padLength);
    }

    [Fact]
    public void Recommends_the_models_top_items_with_target_attention_explanations()
    {
        var recommender = Build(TinyData.TagnnConfig(31));
        var result = recommender.Recommend(["i3", "i4", "i5", "i4"], k: 5);
        Assert.Equal(ExplanationKind.TargetAttention, result.Explanation);
        Assert.Equal(new[] { "i3", "i4", "i5", "i4" }, result.Session.Select(c => c.OriginalId));
        Assert.Empty(result.UnknownIds);
        Assert.Equal(5, result.Items.Count);

        // The same ranking as scoring the session directly.
        using var scope = NewDisposeScope();
        using var batch = Tagnn.Graphs.SessionBatch.FromSessions([new[] { 3, 4, 5, 4 }], 9);
        var scores = recommender.Model.forward(batch);
        Assert.Equal(RankingMetrics.TopK(scores, 5)[0], result.Items.Select(i => i.ItemId));
        Assert.Equal(result.Items.Select(i => i.Score).OrderByDescending(s => s), result.Items.Select(i => i.Score));
        Assert.Equal(Enumerable.Range(1, 5), result.Items.Select(i => i.Rank));

        var beta = recommender.SessionModel.TargetAttentionWeights(recommender.SessionModel.Encode(batch),
            tensor(result.Items.Select(i => (long)i.ItemId).ToArray()).unsqueeze(0))[0];  // (K, L)
        foreach (var (item, r) in result.Items.Select((item, r) => (item, r)))
        {
            // One weight per click (a repeated item counts per occurrence), by decreasing weight.
            Assert.Equal(4, item.Explanation.Count);
            Assert.Equal(new[] { 0, 1, 2, 3 }, item.Explanation.Select(w => w.Position).Order());
            Assert.Equal(item.Explanation.Select(w => w.Weight).OrderByDescending(w => w), item.Explanation.Select(w => w.Weight));
            foreach (var w in item.Explanation) Assert.Equal(beta[r, w.Position].item<float>(), w.Weight, 1e-6);
            // Reference formulation: the softmax includes padding up to length 9 (logit 0), so the clicks get less than 1.
            var sum = item.Explanation.Sum(w => w.Weight);
            Assert.InRange(sum, 0.01, 0.999);
            Assert.Equal(1 - sum, item.PaddingWeight, 1e-6);
        }
        Assert.NotNull(result.GlobalAttention);
        Assert.Contains("padding", result.Note);
    }

    [Fact]
    public void In_the_masked_formulation_the_click_weights_sum_to_one()
    {
        var recommender = Build(TinyData.TagnnConfig(31) with { Formulation = Formulation.Masked });
        var result = recommender.Recommend(["i7", "i8"], k: 3);
        Assert.All(result.Items, item =>
        {
            Assert.Equal(1, item.Explanation.Sum(w => w.Weight), 1e-5);
            Assert.Equal(0, item.PaddingWeight, 1e-5);
        });
    }

    [Fact]
    public void Unknown_ids_are_dropped_and_listed_and_an_empty_or_unknown_session_is_an_error()
    {
        var recommender = Build(TinyData.TagnnConfig(31));
        var result = recommender.Recommend(["nope", "i2", "i99", "i3"], k: 2);
        Assert.Equal(new[] { "nope", "i99" }, result.UnknownIds);
        Assert.Equal(new[] { (0, 2), (1, 3) }, result.Session.Select(c => (c.Position, c.ItemId)));

        var none = Assert.Throws<ArgumentException>(() => recommender.Recommend(["x", "y"]));
        Assert.Contains("None of the session's item ids is known", none.Message);
        Assert.Contains("x, y", none.Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => recommender.Recommend([])).Message);
        Assert.Equal(new[] { "i1", "i2", "i3" }, Recommender.ParseSession(" i1, i2  i3 "));
    }

    [Fact]
    public void Excluding_clicked_items_leaves_them_out()
    {
        var recommender = Build(TinyData.TagnnConfig(31));
        var all = recommender.Recommend(["i3", "i4"], k: 30);
        var filtered = recommender.Recommend(["i3", "i4"], k: 10, excludeClicked: true);
        Assert.DoesNotContain(filtered.Items, i => i.ItemId is 3 or 4);
        Assert.Equal(all.Items.Where(i => i.ItemId is not (3 or 4)).Take(10).Select(i => i.ItemId), filtered.Items.Select(i => i.ItemId));
    }

    [Fact]
    public void Without_target_attention_it_says_so_and_shows_the_global_attention()
    {
        var srgnn = Build(ModelConfig.ForSrGnn(31) with { HiddenSize = 8 });
        var result = srgnn.Recommend(["i3", "i4", "i5"], k: 3);
        Assert.Equal(ExplanationKind.GlobalAttention, result.Explanation);
        Assert.All(result.Items, i => Assert.Empty(i.Explanation));
        Assert.Equal(3, result.GlobalAttention!.Count);
        Assert.Contains("SR-GNN has no target attention", result.Note);
        Assert.Contains("not normalised", result.Note);

        var local = Build(TinyData.TagnnConfig(31) with { TargetAttention = false, Readout = ReadoutKind.Local });
        var plain = local.Recommend(["i3"], k: 2);
        Assert.Equal(ExplanationKind.None, plain.Explanation);
        Assert.Null(plain.GlobalAttention);
    }
}
