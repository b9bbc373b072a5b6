using Tagnn.Model;
using Tagnn.Model.Baselines;
using TorchSharp;
using static Tagnn.Tests.Model.Baselines.BaselineCases;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>FPMC: the score as a factorisation term plus a factorised Markov chain, the user term dropped for a new
/// session, the training triples and the BPR loss.</summary>
public sealed class FpmcTests
{
    private static readonly Tagnn.Data.SessionDataset Train = Augmented([1, 2, 3], [4, 5, 4]);

    private static Fpmc Model()
    {
        var model = (FpmcConfig.For(6) with { HiddenSize = 3 }).Build(seed: 2);
        model.to(ScalarType.Float64);
        model.BindTrainingSet(Train);
        return model;
    }

    [Fact]
    public void The_score_is_the_user_term_plus_the_chain_term()
    {
        using var model = Model();
        var (ui, iu, il, li) = (Rows(model, "user_item.weight"), Rows(model, "item_user"), Rows(model, "item_last"), Rows(model, "last_item"));
        long[] s = [0, 1, 1], l = [2, 5, 4], i = [3, 4, 1];
        using var scores = model.Score(tensor(s), tensor(l), tensor(i));
        var expected = Enumerable.Range(0, 3).Select(k => Dot(ui[s[k]], iu[i[k]]) + Dot(il[i[k]], li[l[k]])).ToArray();
        Close(expected, Rows(scores)[0], 1e-12, "x(s, l, i)");
    }

    [Fact]
    public void A_new_session_is_scored_by_the_chain_from_its_last_click_only()
    {
        using var model = Model();
        using var batch = Batch(Examples((1, [2, 3]), (2, [5]), (3, [1, 4, 4, 2])));
        using var scores = model.forward(batch);
        var (il, li) = (Rows(model, "item_last"), Rows(model, "last_item"));
        int[] lasts = [3, 5, 2];
        for (var b = 0; b < 3; b++)
            Close([.. Enumerable.Range(1, 5).Select(i => Dot(il[i], li[lasts[b]]))], Rows(scores)[b], 1e-12, $"example {b}");
        // Neither user-side table takes part.
        using (no_grad())
        {
            foreach (var name in new[] { "user_item.weight", "item_user" }) model.named_parameters().Single(p => p.name == name).parameter.fill_(3);
        }
        using var again = model.forward(batch);
        Close(Rows(scores)[2], Rows(again)[2], 0, "scores without the user term");
    }

    [Fact]
    public void Every_training_example_is_one_triple_and_the_loss_is_their_bpr_loss()
    {
        using var model = Model();
        using var batch = Batch(Train);
        var (sessions, lasts, positives) = model.Triples(batch);
        Assert.Equal(new long[] { 0, 0, 1, 1 }, sessions);
        Assert.Equal(new long[] { 2, 1, 5, 4 }, lasts);
        Assert.Equal(new long[] { 3, 2, 4, 5 }, positives);
        var step = new TrainingStepContext(1, 2, 3);
        var negatives = NegativeSampler.Uniform(positives, 5, step);
        var (ui, iu, il, li) = (Rows(model, "user_item.weight"), Rows(model, "item_user"), Rows(model, "item_last"), Rows(model, "last_item"));
        double X(long s, long l, long i) => Dot(ui[s], iu[i]) + Dot(il[i], li[l]);
        var expected = Enumerable.Range(0, 4).Average(k =>
            -Math.Log(Sigmoid(X(sessions[k], lasts[k], positives[k]) - X(sessions[k], lasts[k], negatives[k]))));
        using var loss = model.Loss(batch, step);
        Assert.Equal(expected, loss.item<double>(), 12);
    }
}
