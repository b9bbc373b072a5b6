using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Scoring;
using Tagnn.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

/// <summary>
/// Each formulation's production path (exact rewrite, per-batch analytic padding) equals the equations written out
/// naively, forward and gradients, on random small inputs.
/// </summary>
public sealed class FormulationPropertyTests
{
    private const int Items = 23, Dim = 8;

    public static TheoryData<ModelKind, Formulation, ReadoutKind, int> Configurations()
    {
        var data = new TheoryData<ModelKind, Formulation, ReadoutKind, int>();
        foreach (var formulation in Enum.GetValues<Formulation>())
        {
            data.Add(ModelKind.Tagnn, formulation, ReadoutKind.LocalAttentive, 1);
            data.Add(ModelKind.SrGnn, formulation, ReadoutKind.LocalAttentive, 1);
            data.Add(ModelKind.Tagnn, formulation, ReadoutKind.Local, 2);
            data.Add(ModelKind.Tagnn, formulation, ReadoutKind.Average, 1);
            data.Add(ModelKind.Tagnn, formulation, ReadoutKind.Attentive, 1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Model_equals_the_naive_equations_forward_and_gradients(ModelKind kind, Formulation formulation, ReadoutKind readout, int steps)
    {
        using var scope = NewDisposeScope();
        var model = Build(kind, formulation, readout, steps, seed: 11);
        var data = RandomSessions.Dataset(count: 7, Items, maxLength: 6, seed: 3);
        using var batch = new SessionBatcher(data, new BatcherOptions(BatchSize: 7, PadLength: 9, Prefetch: false)).Build(Enumerable.Range(0, 7).ToArray());

        var fast = model.forward(batch);
        var fastGrads = Gradients(model, NextItemLoss.Compute(fast, batch.Targets));
        var naive = NaiveReference.ModelScores(model, batch);
        var naiveGrads = Gradients(model, NextItemLoss.Compute(naive, batch.Targets));

        TensorAssert.Close(naive, fast, 2e-6, "scores");
        Assert.Equal(naiveGrads.Keys, fastGrads.Keys);
        foreach (var (name, grad) in naiveGrads)
        {
            TensorAssert.RelativeClose(grad, fastGrads[name], 1e-4, $"grad.{name}");
        }
        Assert.True(naiveGrads["embedding.weight"].abs().sum().item<float>() > 0);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Batch_padding_equals_dataset_padding(ModelKind kind, Formulation formulation, ReadoutKind readout, int steps)
    {
        // For the reference formulation this is the analytic share of the padding (n_pad exp(0 - max) for beta,
        // n_pad exp(alpha_pad - max) for alpha) against the code's literal softmax over 20 padded positions.
        using var scope = NewDisposeScope();
        var model = Build(kind, formulation, readout, steps, seed: 5);
        var data = RandomSessions.Dataset(count: 23, Items, maxLength: 6, seed: 9);
        const int padLength = 20;
        var literal = new SessionBatcher(data, new BatcherOptions(BatchSize: 8, Padding: PaddingPolicy.Dataset, PadLength: padLength, Prefetch: false));
        var analytic = new SessionBatcher(data, literal.Options with { Padding = PaddingPolicy.Batch });
        foreach (var (a, b) in literal.Batches(0).Zip(analytic.Batches(0)))
        {
            using (a)
            using (b)
            {
                Assert.Equal(padLength, a.Length);
                Assert.True(b.Length <= 6);
                var sa = model.forward(a);
                var ga = Gradients(model, NextItemLoss.Compute(sa, a.Targets));
                var sb = model.forward(b);
                var gb = Gradients(model, NextItemLoss.Compute(sb, b.Targets));
                TensorAssert.Close(sa, sb, 2e-6, "scores");
                foreach (var (name, grad) in ga) TensorAssert.RelativeClose(grad, gb[name], 1e-4, $"grad.{name}");
            }
        }
    }

    [Fact]
    public void Reference_scores_depend_on_the_dataset_padding_length_and_masked_scores_do_not()
    {
        using var scope = NewDisposeScope();
        var data = RandomSessions.Dataset(count: 10, Items, maxLength: 5, seed: 4);
        var indices = Enumerable.Range(0, 10).ToArray();
        foreach (var formulation in new[] { Formulation.Reference, Formulation.Masked })
        {
            var model = Build(ModelKind.Tagnn, formulation, ReadoutKind.LocalAttentive, 1, seed: 2);
            var scores = new List<Tensor>();
            foreach (var (policy, pad) in new[] { (PaddingPolicy.Dataset, 5), (PaddingPolicy.Dataset, 8), (PaddingPolicy.Dataset, 30), (PaddingPolicy.Batch, 30) })
            {
                using var batch = new SessionBatcher(data, new BatcherOptions(Padding: policy, PadLength: pad, Prefetch: false)).Build(indices);
                scores.Add(model.forward(batch));
            }
            var spread = scores.Skip(1).Take(2).Max(s => TensorAssert.MaxAbsDiff(scores[0], s));
            if (formulation == Formulation.Masked)
            {
                Assert.All(scores.Skip(1), s => TensorAssert.Close(scores[0], s, 1e-6, "masked scores"));
            }
            else
            {
                Assert.True(spread > 1e-3, $"reference scores should move with the padding length (moved {spread})");
                TensorAssert.Close(scores[2], scores[3], 2e-6, "reference, pad 30, dataset vs batch padding");
            }
        }
    }

    [Fact]
    public void Exact_scorer_equals_the_naive_scorer_forward_and_gradients()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(17);
        const int b = 5, l = 7, d = 6, n = 31;
        foreach (var withVirtual in new[] { false, true })
        {
            var keys = randn(b, l, d, generator: generator).requires_grad_();
            var values = randn(b, l, d, generator: generator).requires_grad_();
            var session = randn(b, d, generator: generator).requires_grad_();
            var candidates = randn(n, d, generator: generator).requires_grad_();
            var attend = tensor(new float[,] {
                { 1, 1, 1, 1, 1, 1, 1 }, { 1, 1, 0, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0, 0, 0 }, { 1, 1, 1, 1, 0, 0, 0 }, { 1, 1, 1, 1, 1, 1, 0 } });
            var count = withVirtual ? tensor(new float[] { 0, 5, 6, 3, 1 }) : null;
            var input = new TargetScorerInput(keys, values, attend, count, session, candidates);
            var probe = randn(b, n, generator: generator);

            var fast = new ExactTargetScorer().Score(input);
            var fastGrads = autograd.grad([(fast * probe).sum()], [keys, values, session, candidates]);
            var naive = NaiveReference.Score(input);
            var naiveGrads = autograd.grad([(naive * probe).sum()], [keys, values, session, candidates]);

            TensorAssert.Close(naive, fast, 1e-5, "scores");
            for (var i = 0; i < 4; i++) TensorAssert.RelativeClose(naiveGrads[i], fastGrads[i], 1e-5, $"gradient {i}");
        }
    }

    internal static SessionModel Build(ModelKind kind, Formulation formulation, ReadoutKind readout, int steps, long seed) =>
        ModelFactory.Create(ModelConfig.For(kind, Items + 1, formulation) with
        {
            HiddenSize = Dim,
            GnnSteps = steps,
            Readout = readout,
        }, seed);

    internal static Dictionary<string, Tensor> Gradients(SessionModel model, Tensor loss)
    {
        model.zero_grad();
        loss.backward();
        return model.ReferenceTensors()
            .Where(p => p.Tensor.grad is not null)
            .ToDictionary(p => p.Name, p => p.Tensor.grad!.clone());
    }
}
