using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Course;
using static TorchSharp.torch;

namespace Tagnn.Tests.Notebooks;

public sealed class SessionAttentionTests
{
    private static SessionModel Build(Formulation formulation) =>
        ModelFactory.Create(ModelConfig.ForTagnn(21) with { HiddenSize = 6, Formulation = formulation }, seed: 9);

    [Fact]
    public void Weights_and_scores_are_the_models_own()
    {
        var model = Build(Formulation.Reference);
        int[] session = [3, 7, 3, 12];
        int[] candidates = [5, 12, 20];
        var view = SessionAttention.Compute(model, session, candidates, padLength: 9);

        using var scope = NewDisposeScope();
        using var batch = SessionBatch.FromSessions([session], 9, PaddingPolicy.Dataset);
        var encoding = model.Encode(batch);
        var beta = model.TargetAttentionWeights(encoding, tensor(new long[] { 5, 12, 20 }).view(1, 3))[0];   // (3, 9)
        var scores = model.forward(batch)[0];
        for (var k = 0; k < 3; k++)
        {
            for (var i = 0; i < session.Length; i++) Assert.Equal(beta[k, i].item<float>(), view.Beta[k, i], 5);
            Assert.Equal(scores[candidates[k] - 1].item<float>(), view.Scores[k], 4);
            // Reference formulation: 5 padding positions of logit 0 take part of every row's mass.
            Assert.InRange(view.PaddingShare(k), 0.05, 0.95);
        }
        Assert.Equal(encoding.Alpha![0, 1].item<float>(), view.Alpha![1], 5);
    }

    [Fact]
    public void Masked_rows_sum_to_one_and_are_the_reference_rows_renormalised()
    {
        // Same seed and shapes: the two models have the same weights.
        var reference = SessionAttention.Compute(Build(Formulation.Reference), [4, 9, 2], [1, 8], padLength: 12);
        var masked = SessionAttention.Compute(Build(Formulation.Masked), [4, 9, 2], [1, 8], padLength: 12);
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal(0.0, masked.PaddingShare(k), 6);
            var onClicks = 1 - reference.PaddingShare(k);
            for (var i = 0; i < 3; i++) Assert.Equal(masked.Beta[k, i], reference.Beta[k, i] / onClicks, 5);
        }
    }

    [Fact]
    public void Bad_candidates_and_models_without_target_attention_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionAttention.Compute(Build(Formulation.Masked), [1, 2], [21], 2));
        var srgnn = ModelFactory.Create(ModelConfig.ForSrGnn(21) with { HiddenSize = 6 }, seed: 1);
        Assert.Throws<InvalidOperationException>(() => SessionAttention.Compute(srgnn, [1, 2], [3], 2));
    }
}
