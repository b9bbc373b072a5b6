using Tagnn.Graphs;
using Tagnn.Model.Baselines;
using TorchSharp;
using static Tagnn.Tests.Model.Baselines.BaselineCases;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>GRU4Rec's computation against a hand-written GRU: the state after the last real click, whatever the
/// padding, and the scores h . W_i + b_i over the tied item table.</summary>
public sealed class Gru4RecTests
{
    private const int Items = 6;
    private const int D = 3;

    private static Gru4Rec Model()
    {
        var model = (Gru4RecConfig.For(Items + 1) with { HiddenSize = D }).Build(seed: 5);
        model.to(ScalarType.Float64);
        model.eval();
        return model;
    }

    // Three prefixes of different lengths (the shorter ones padded in a batch), one with a repeated click.
    private static readonly (int Target, int[] Prefix)[] Cases = [(4, [1, 2, 3]), (1, [5]), (6, [2, 6, 2, 4])];

    [Theory]
    [InlineData(PaddingPolicy.Batch, null)]
    [InlineData(PaddingPolicy.Dataset, 9)]
    public void The_final_state_is_the_GRU_state_after_the_last_real_click_and_the_scores_use_the_tied_table(PaddingPolicy padding, int? padLength)
    {
        using var model = Model();
        using var batch = Batch(Examples(Cases), padding, padLength);
        Assert.True(batch.HasPadding);
        using var states = model.FinalState(batch);
        using var scores = model.forward(batch);
        var table = Rows(model, "items");
        var bias = Vector(model, "bias");
        for (var b = 0; b < Cases.Length; b++)
        {
            var inputs = Cases[b].Prefix.Select(i => table[i]).ToList();
            var h = Gru(model, "gru.", inputs)[^1];
            Close(h, Rows(states)[b], 1e-12, $"h of example {b}");
            var expected = Enumerable.Range(1, Items).Select(i => Dot(h, table[i]) + bias[i - 1]).ToArray();
            Close(expected, Rows(scores)[b], 1e-12, $"scores of example {b}");
        }
    }

    [Fact]
    public void An_example_scores_the_same_alone_and_padded_in_a_batch()
    {
        using var model = Model();
        using var together = Batch(Examples(Cases));
        using var all = model.forward(together);
        for (var b = 0; b < Cases.Length; b++)
        {
            using var alone = Batch(Examples(Cases[b]));
            Assert.False(alone.HasPadding);
            using var one = model.forward(alone);
            Close(Rows(one)[0], Rows(all)[b], 1e-12, $"example {b}");
        }
    }

    [Fact]
    public void Dropout_masks_are_a_pure_function_of_the_step_and_off_in_eval_mode()
    {
        using var model = (Gru4RecConfig.For(Items + 1) with { HiddenSize = D, HiddenDropout = 0.5, EmbeddingDropout = 0.3 }).Build(seed: 5);
        using var batch = Batch(Examples(Cases));
        model.train();
        double Loss(int epoch, int step)
        {
            using var loss = model.Loss(batch, new Tagnn.Model.TrainingStepContext(epoch, step, 11));
            return loss.item<float>();
        }
        Assert.Equal(Loss(0, 3), Loss(0, 3));
        Assert.NotEqual(Loss(0, 3), Loss(0, 4));
        Assert.NotEqual(Loss(0, 3), Loss(1, 3));
        model.eval();
        var eval = Loss(0, 3);
        Assert.Equal(eval, Loss(2, 7));                       // no dropout: every step the same
        using var direct = Tagnn.Model.NextItemLoss.Compute(model.forward(batch), batch.Targets);
        Assert.Equal(eval, direct.item<float>());
    }
}
