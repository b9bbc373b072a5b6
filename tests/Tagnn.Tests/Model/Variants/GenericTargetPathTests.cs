using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Parts;
using Tagnn.Model.Scoring;
using Tagnn.Model.Variants;
using Tagnn.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Variants;

/// <summary>The generic target-attention path (<see cref="ChunkedTargetScorer"/>) computes what the fused scorer
/// computes for the built-in target attention, scores and gradients, in every formulation and padding, and never
/// hands a part more candidates than a chunk.</summary>
public sealed class GenericTargetPathTests
{
    private const int Items = 23;

    public static TheoryData<Formulation, PaddingPolicy, int?> Cases => new()
    {
        { Formulation.Reference, PaddingPolicy.Batch, 7 },      // virtual padding positions, ragged last chunk
        { Formulation.Reference, PaddingPolicy.Dataset, 5 },    // attended padding
        { Formulation.Paper, PaddingPolicy.Batch, 4 },          // Eq. 10: the combiner's W3_target on the target vectors
        { Formulation.Masked, PaddingPolicy.Batch, null },      // one chunk (sized by bytes)
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_generic_path_equals_the_fused_and_the_exact_scorer_with_gradients(Formulation formulation, PaddingPolicy padding, int? chunk)
    {
        using var scope = NewDisposeScope();
        var config = ModelConfig.ForTagnn(Items + 1, formulation) with { HiddenSize = 6 };
        using var fused = ModelFactory.Create(config, seed: 3);
        using var exact = ModelFactory.Create(config, seed: 3);
        exact.Scorer = new ExactTargetScorer();
        using var generic = ModelFactory.Create(config, seed: 3);
        generic.ForceGenericTargetPath = true;
        generic.GenericScorer = new ChunkedTargetScorer(chunk);
        using var batch = Batch(padding);

        var (fusedScores, fusedGrads) = ScoresAndGradients(fused, batch);
        var (exactScores, exactGrads) = ScoresAndGradients(exact, batch);
        var (genericScores, genericGrads) = ScoresAndGradients(generic, batch);

        TensorAssert.Close(exactScores, genericScores, 2e-5, "generic vs exact scores");
        TensorAssert.Close(fusedScores, genericScores, 2e-5, "generic vs fused scores");
        Assert.Equal(fusedGrads.Keys.Order(), genericGrads.Keys.Order());
        foreach (var (name, grad) in fusedGrads)
        {
            TensorAssert.Close(exactGrads[name], genericGrads[name], 2e-5, $"generic vs exact d loss / d {name}");
            TensorAssert.Close(grad, genericGrads[name], 2e-5, $"generic vs fused d loss / d {name}");
        }
        Assert.True(fusedGrads["target_attention.linear_t.weight"].abs().max().item<float>() > 1e-4, "the target attention gets a gradient");
        Assert.Equal(1, generic.GenericScorer.ForwardCalls);
        Assert.Equal(1, generic.GenericScorer.BackwardCalls);
    }

    [Fact]
    public void A_part_on_the_generic_path_sees_at_most_a_chunk_of_candidates_forward_and_backward()
    {
        using var scope = NewDisposeScope();
        var spec = new RecencyVariant().Create(ModelConfig.ForTagnn(Items + 1) with { HiddenSize = 6 });
        using var model = spec.Build(seed: 1);
        model.GenericScorer = new ChunkedTargetScorer(chunkItems: 5);
        using var batch = Batch(PaddingPolicy.Batch);
        NextItemLoss.Compute(model.forward(batch), batch.Targets).backward();
        var part = (RecencyTargetAttention)model.Parts.TargetAttention!;
        var chunks = (Items + 4) / 5;
        Assert.Equal((2 * chunks, 5L), part.Seen);                                  // each chunk once forward, once recomputed
        foreach (var (name, p) in model.named_parameters())
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} got a gradient");
    }

    [Fact]
    public void Chunks_are_sized_by_bytes_or_fixed()
    {
        var byBytes = new ChunkedTargetScorer(chunkBytes: 100 * 100 * 4 * 838L);
        Assert.Equal(838, byBytes.ChunkSize(batchSize: 100, hiddenSize: 100, items: 43_097));   // (B, C, d) float32 = the bytes
        Assert.Equal(43_097, new ChunkedTargetScorer(chunkBytes: long.MaxValue).ChunkSize(100, 100, 43_097));
        Assert.Equal(1, new ChunkedTargetScorer(chunkBytes: 1).ChunkSize(100, 100, 43_097));
        Assert.Equal(7, new ChunkedTargetScorer(chunkItems: 7).ChunkSize(100, 100, 43_097));
        Assert.Equal(3, new ChunkedTargetScorer(chunkItems: 7).ChunkSize(100, 100, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChunkedTargetScorer(chunkItems: 0));
    }

    // Scores (B, N) and d(loss)/d(parameter) by module name, the loss a weighted sum of the scores (every score counts).
    internal static (Tensor Scores, Dictionary<string, Tensor> Gradients) ScoresAndGradients(SessionRecommender model, SessionBatch batch)
    {
        model.zero_grad();
        var scores = model.forward(batch);
        var weights = linspace(-1, 1, scores.numel()).view(scores.shape).cos();
        (scores * weights).sum().backward();
        var grads = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone());
        return (scores.detach(), grads);
    }

    internal static SessionBatch Batch(PaddingPolicy padding) =>
        new SessionBatcher(RandomSessions.Dataset(10, Items, 6, seed: 4), new BatcherOptions(BatchSize: 10, padding, Prefetch: false, PadLength: 9))
            .Build([.. Enumerable.Range(0, 10)]);
}
