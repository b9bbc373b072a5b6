using Tagnn.Graphs;
using Tagnn.Model.Baselines;
using TorchSharp;
using static Tagnn.Tests.Model.Baselines.BaselineCases;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>NARM's encoders and bilinear decoder against a hand computation from its own weights.</summary>
public sealed class NarmTests
{
    private const int Items = 6;
    private const int D = 3;

    private static readonly (int Target, int[] Prefix)[] Cases = [(4, [1, 2, 3]), (1, [5]), (6, [2, 6, 2, 4])];

    [Theory]
    [InlineData(PaddingPolicy.Batch, null)]
    [InlineData(PaddingPolicy.Dataset, 8)]
    public void Attention_context_and_bilinear_scores_match_the_hand_computation(PaddingPolicy padding, int? padLength)
    {
        using var model = (NarmConfig.For(Items + 1) with { HiddenSize = D }).Build(seed: 3);
        model.to(ScalarType.Float64);
        model.eval();
        using var batch = Batch(Examples(Cases), padding, padLength);
        var (alphaT, contextT) = model.Encode(batch);
        using var alphaOwner = alphaT;
        using var contextOwner = contextT;
        using var scores = model.forward(batch);
        var emb = Rows(model, "items");
        var a1 = Rows(model, "a1.weight");
        var a2 = Rows(model, "a2.weight");
        var v = Vector(model, "v");
        var bilinear = Rows(model, "decoder.weight");                                   // B (d x 2d)
        var alphas = Rows(alphaT);
        for (var b = 0; b < Cases.Length; b++)
        {
            var prefix = Cases[b].Prefix;
            var h = Gru(model, "gru.", prefix.Select(i => emb[i]).ToList());             // h_1..h_t
            var ht = h[^1];                                                               // c_g
            // alpha_j = v . sigmoid(A1 h_t + A2 h_j), not normalised; c_l = sum_j alpha_j h_j
            var alpha = h.Select(hj => Dot(v, Map(Add(MatVec(a1, ht), MatVec(a2, hj)), Sigmoid))).ToArray();
            Close(alpha, alphas[b][..prefix.Length], 1e-12, $"alpha of example {b}");
            Assert.All(alphas[b][prefix.Length..], x => Assert.Equal(0, x));              // padding gets no weight
            var local = Add([.. h.Select((hj, j) => Scale(alpha[j], hj))]);
            double[] context = [.. ht, .. local];                                        // c_t = [c_g; c_l]
            Close(context, Rows(contextT)[b], 1e-12, $"c_t of example {b}");
            var query = MatVec(bilinear, context);                                       // B c_t
            var expected = Enumerable.Range(1, Items).Select(i => Dot(emb[i], query)).ToArray();   // emb_i^T B c_t
            Close(expected, Rows(scores)[b], 1e-12, $"scores of example {b}");
        }
    }
}
