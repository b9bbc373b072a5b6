using Tagnn.Model;
using Tagnn.Model.Baselines;
using TorchSharp;
using static Tagnn.Tests.Model.Baselines.BaselineCases;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>BPR-MF: which (session, item) pairs train it, the BPR loss of given factors, the mean-of-items scores, and
/// the binding to its training set.</summary>
public sealed class BprMfTests
{
    // Two training sessions: [1, 2, 3] gives ([1, 2] -> 3), ([1] -> 2); [4, 5, 4] gives ([4, 5] -> 4), ([4] -> 5).
    private static readonly Tagnn.Data.SessionDataset Train = Augmented([1, 2, 3], [4, 5, 4]);

    private static BprMf Model(int d = 2)
    {
        var model = BprMfConfig.For(6) with { HiddenSize = d };
        var built = model.Build(seed: 1);
        built.BindTrainingSet(Train);
        return built;
    }

    [Fact]
    public void Every_click_of_every_training_session_is_one_positive_pair()
    {
        using var model = Model();
        using var batch = Batch(Train);
        var (sessions, positives) = model.Pairs(batch);
        // Per example in order: its target, then its first click when it is the one-click example.
        Assert.Equal(new long[] { 0, 0, 0, 1, 1, 1 }, sessions);
        Assert.Equal(new long[] { 3, 2, 1, 4, 5, 4 }, positives);
        // As a multiset per session: exactly the session's clicks, repeats included.
        Assert.Equal(new long[] { 1, 2, 3 }, positives.Where((_, i) => sessions[i] == 0).Order());
        Assert.Equal(new long[] { 4, 4, 5 }, positives.Where((_, i) => sessions[i] == 1).Order());
    }

    [Fact]
    public void The_loss_is_the_mean_bpr_loss_of_the_pairs_with_the_steps_negatives()
    {
        using var model = Model();
        model.to(ScalarType.Float64);
        // P: session 0 = (1, 0), session 1 = (0, 2); Q: item i = (i / 10, -i / 20), row 0 unused.
        Set(model, "sessions.weight", 1, 0, 0, 2);
        Set(model, "items", [.. Enumerable.Range(0, 6).SelectMany(i => new[] { i / 10.0, -i / 20.0 })]);
        using var batch = Batch(Train);
        var step = new TrainingStepContext(2, 5, 9);
        var (sessions, positives) = model.Pairs(batch);
        var negatives = NegativeSampler.Uniform(positives, 5, step);
        double[][] p = [[1, 0], [0, 2]];
        double[] Q(long i) => [i / 10.0, -i / 20.0];
        var expected = Enumerable.Range(0, positives.Length).Average(k =>
        {
            var x = Dot(p[sessions[k]], Q(positives[k])) - Dot(p[sessions[k]], Q(negatives[k]));
            return -Math.Log(Sigmoid(x));
        });
        using var loss = model.Loss(batch, step);
        Assert.Equal(expected, loss.item<double>(), 12);

        // The session table's gradient is accumulated (sparse rows) into a dense buffer: only the batch's sessions.
        loss.backward();
        var weight = model.named_parameters().Single(p => p.name == "sessions.weight").parameter;
        using var grad = weight.grad!;
        Assert.False(grad.is_sparse);
        var g = Rows(grad);
        for (var s = 0; s < 2; s++)
        {
            double[] sum = [0, 0];
            for (var k = 0; k < positives.Length; k++)
            {
                if (sessions[k] != s) continue;
                var x = Dot(p[s], Q(positives[k])) - Dot(p[s], Q(negatives[k]));
                var c = -(1 - Sigmoid(x)) / positives.Length;                      // d/dx of -ln sigma(x), over the mean
                sum = Add(sum, Scale(c, [Q(positives[k])[0] - Q(negatives[k])[0], Q(positives[k])[1] - Q(negatives[k])[1]]));
            }
            Close(sum, g[s], 1e-12, $"dL/dp_{s}");
        }
        using var direct = BprLoss.Compute(tensor(new[] { 2.0, -1.0 }), tensor(new[] { 0.5, 0.0 }));
        Assert.Equal((-Math.Log(Sigmoid(1.5)) - Math.Log(Sigmoid(-1.0))) / 2, direct.item<double>(), 14);
    }

    [Fact]
    public void A_session_is_scored_as_the_mean_of_its_clicks_item_factors()
    {
        using var model = Model(d: 3);
        model.to(ScalarType.Float64);
        using var batch = Batch(Examples((1, [2, 3, 2]), (2, [5])));
        using var scores = model.forward(batch);
        var q = Rows(model, "items");
        double[][] means = [Scale(1.0 / 3, Add(q[2], q[3], q[2])), q[5]];     // repeats count
        for (var b = 0; b < 2; b++)
            Close([.. Enumerable.Range(1, 5).Select(i => Dot(means[b], q[i]))], Rows(scores)[b], 1e-12, $"example {b}");
        // The session factors take no part in a prediction.
        using (no_grad()) model.named_parameters().Single(p => p.name == "sessions.weight").parameter.fill_(7);
        using var again = model.forward(batch);
        Close(Rows(scores)[0], Rows(again)[0], 0, "scores without session factors");
    }

    [Fact]
    public void The_model_must_be_bound_to_the_training_set_it_is_trained_on()
    {
        using var unbound = (BprMfConfig.For(6) with { HiddenSize = 2 }).Build();
        using var batch = Batch(Train);
        Assert.Equal(0, unbound.Sessions);
        Assert.Single(unbound.parameters());                                     // the item factors only, until bound
        Assert.Contains("BindTrainingSet", Assert.Throws<InvalidOperationException>(() => unbound.Loss(batch, default)).Message);
        unbound.BindTrainingSet(Train);                                           // makes the table: one row per session
        Assert.Equal(2, unbound.Sessions);
        Assert.Equal(["items", "sessions.weight"], unbound.named_parameters().Select(p => p.name));
        var e = Assert.Throws<ArgumentException>(() => unbound.BindTrainingSet(Augmented([1, 2], [2, 3], [3, 4])));
        Assert.Contains("already has 2 session rows but this training set has 3 sessions", e.Message);
        unbound.BindTrainingSet(Augmented([3, 3, 1], [2, 5]));                    // another set of 2 sessions is fine
        unbound.BindTrainingSet(Train);
        using var foreign = Batch(Examples((2, [1, 2, 3, 4]), (3, [1])));
        Assert.Contains("not example", Assert.Throws<ArgumentException>(() => unbound.Loss(foreign, default)).Message);
        using var loss = unbound.Loss(batch, default);
        Assert.True(double.IsFinite(loss.item<float>()));
    }
}
