using Tagnn.Graphs;
using Tagnn.Model.Baselines;
using TorchSharp;
using static Tagnn.Tests.Model.Baselines.BaselineCases;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>STAMP's attention, MLPs and trilinear scores: a case with numbers worked out by hand, and its own random
/// weights against a hand computation, padded both ways.</summary>
public sealed class StampTests
{
    [Fact]
    public void A_case_worked_out_by_hand()
    {
        // d = 2, items 1..3 with x_1 = (1, 0), x_2 = (0, 1), x_3 = (1, 1); prefix [1, 2, 3] (m_t = x_3).
        // W1 = W2 = W3 = 0 and b_a = 0: every gate is sigmoid(0) = 1/2, so with w0 = (1, 1) every alpha_i = 1 and
        // m_a = x_1 + x_2 + x_3 = (2, 2). Ws = Wt = I, bs = bt = 0: h_s = tanh(2, 2), h_t = tanh(1, 1).
        // z_i = sum_k h_s[k] h_t[k] x_i[k] = tanh(2) tanh(1) (x_i[0] + x_i[1]): 1, 1 and 2 times t = tanh(2) tanh(1).
        using var model = (StampConfig.For(4) with { HiddenSize = 2 }).Build(seed: 1);
        model.to(ScalarType.Float64);
        Set(model, "items", 0, 0, 1, 0, 0, 1, 1, 1);
        foreach (var w in new[] { "w1.weight", "w2.weight", "w3.weight" }) Set(model, w, 0, 0, 0, 0);
        Set(model, "b_a", 0, 0);
        Set(model, "w0", 1, 1);
        foreach (var m in new[] { "mlp_s", "mlp_t" })
        {
            Set(model, m + ".weight", 1, 0, 0, 1);
            Set(model, m + ".bias", 0, 0);
        }
        using var batch = Batch(Examples((2, [1, 2, 3]), (1, [3])));
        var (alpha, hs, ht) = model.Parts(batch);
        using var scores = model.forward(batch);
        Close([1, 1, 1], Rows(alpha)[0], 1e-15, "alpha");
        Close([Math.Tanh(2), Math.Tanh(2)], Rows(hs)[0], 1e-15, "h_s");
        Close([Math.Tanh(1), Math.Tanh(1)], Rows(ht)[0], 1e-15, "h_t");
        var t = Math.Tanh(2) * Math.Tanh(1);
        Close([t, t, 2 * t], Rows(scores)[0], 1e-15, "z");
        // The one-click prefix [3] is padded: alpha = (1, 0, 0), m_a = x_3 = (1, 1), h_s = h_t = tanh(1, 1):
        // z_i = tanh(1)^2 (x_i[0] + x_i[1]).
        Close([1, 0, 0], Rows(alpha)[1], 1e-15, "alpha of the padded prefix");
        var u = Math.Tanh(1) * Math.Tanh(1);
        Close([u, u, 2 * u], Rows(scores)[1], 1e-15, "z of the padded prefix");
        alpha.Dispose();
        hs.Dispose();
        ht.Dispose();
    }

    private static readonly (int Target, int[] Prefix)[] Cases = [(4, [1, 2, 3]), (1, [5]), (6, [2, 6, 2, 4])];

    [Theory]
    [InlineData(PaddingPolicy.Batch, null)]
    [InlineData(PaddingPolicy.Dataset, 7)]
    public void Random_weights_match_the_equations(PaddingPolicy padding, int? padLength)
    {
        const int items = 6;
        using var model = (StampConfig.For(items + 1) with { HiddenSize = 3 }).Build(seed: 4);
        model.to(ScalarType.Float64);
        using var batch = Batch(Examples(Cases), padding, padLength);
        using var scores = model.forward(batch);
        var (alphaT, _, _) = model.Parts(batch);
        using var alphaOwner = alphaT;
        var x = Rows(model, "items");
        var (w1, w2, w3) = (Rows(model, "w1.weight"), Rows(model, "w2.weight"), Rows(model, "w3.weight"));
        var (ba, w0) = (Vector(model, "b_a"), Vector(model, "w0"));
        var (ws, bs, wt, bt) = (Rows(model, "mlp_s.weight"), Vector(model, "mlp_s.bias"), Rows(model, "mlp_t.weight"), Vector(model, "mlp_t.bias"));
        for (var b = 0; b < Cases.Length; b++)
        {
            var clicks = Cases[b].Prefix.Select(i => x[i]).ToArray();
            var ms = Scale(1.0 / clicks.Length, Add(clicks));                                   // m_s
            var mt = clicks[^1];                                                                 // m_t = x_t
            var alpha = clicks.Select(xi => Dot(w0, Map(Add(MatVec(w1, xi), MatVec(w2, mt), MatVec(w3, ms), ba), Sigmoid))).ToArray();
            Close(alpha, Rows(alphaT)[b][..clicks.Length], 1e-12, $"alpha of example {b}");
            var ma = Add([.. clicks.Select((xi, i) => Scale(alpha[i], xi))]);                   // m_a
            var hs = Map(Add(MatVec(ws, ma), bs), Math.Tanh);
            var ht = Map(Add(MatVec(wt, mt), bt), Math.Tanh);
            var expected = Enumerable.Range(1, items).Select(i => Dot(Hadamard(hs, ht), x[i])).ToArray();   // <h_s, h_t, x_i>
            Close(expected, Rows(scores)[b], 1e-12, $"z of example {b}");
        }
    }
}
