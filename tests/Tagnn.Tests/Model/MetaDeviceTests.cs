using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Baselines;
using Tagnn.Model.Parts;
using Tagnn.Model.Scoring;
using Tagnn.Model.Variants;
using Tagnn.Tests.Support;
using Tagnn.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

/// <summary>
/// Issue 12: the GPU path proven as far as a machine without a GPU can prove it. On the <c>meta</c> device tensors
/// have shapes, dtypes and a device but no data, and reading one on the host throws; a training step that runs there
/// creates no tensor on the wrong device and reads no device memory on the host. For every model specification type
/// (<see cref="Cases"/>): one full <see cref="TrainingStep.Run"/> (forward, loss, backward, Adam) on meta with a batch
/// built for meta, then the evaluation forward (scores, top-k indices, target ranks).
/// </summary>
/// <remarks>
/// What meta cannot prove (docs/GPU.md, "What the meta device proves"): numbers (there are none; the CPU tests prove
/// them, and the tensor kernel the GPU runs is checked against the CPU kernel in <c>FusedTargetScorerTests</c>),
/// CUDA-only failures (kernel launches, memory, cuBLAS), speed, and the evaluator's host side (ranks and tie-broken
/// top-k lists are read to the host after the forward pass, by design).
/// </remarks>
public sealed partial class MetaDeviceTests
{
    private static readonly Device Meta = new(DeviceType.META);
    private const int ItemTableSize = 41;   // N = 40 items
    private const int Hidden = 8;

    /// <summary>
    /// One line per model case. Every model specification type (of the library, or registered) must appear at least
    /// once (<see cref="Every_model_specification_type_has_a_meta_case"/>). A model that cannot run on meta names the
    /// error in <see cref="MetaCase.KnownGap"/> and the step is asserted to fail with it (never skipped silently).
    /// </summary>
    internal static readonly IReadOnlyList<MetaCase> Cases =
    [
        new("TAGNN reference", typeof(ModelConfig), n => ModelConfig.ForTagnn(n) with { HiddenSize = Hidden }),
        new("TAGNN reference, dataset padding", typeof(ModelConfig), n => ModelConfig.ForTagnn(n) with { HiddenSize = Hidden },
            Padding: PaddingPolicy.Dataset),
        new("TAGNN reference, chunked scorer", typeof(ModelConfig), n => ModelConfig.ForTagnn(n) with { HiddenSize = Hidden },
            ChunkItems: 7),
        new("TAGNN paper", typeof(ModelConfig), n => ModelConfig.ForTagnn(n, Formulation.Paper) with { HiddenSize = Hidden }),
        new("TAGNN masked", typeof(ModelConfig), n => ModelConfig.ForTagnn(n, Formulation.Masked) with { HiddenSize = Hidden }),
        new("TAGNN, 2 GNN steps, attentive readout", typeof(ModelConfig),
            n => ModelConfig.ForTagnn(n) with { HiddenSize = Hidden, GnnSteps = 2, Readout = ReadoutKind.Attentive }),
        new("SR-GNN reference", typeof(ModelConfig), n => ModelConfig.ForSrGnn(n) with { HiddenSize = Hidden }),
        new("SR-GNN paper", typeof(ModelConfig), n => ModelConfig.ForSrGnn(n, Formulation.Paper) with { HiddenSize = Hidden }),
        new("SR-GNN reference, dataset padding", typeof(ModelConfig), n => ModelConfig.ForSrGnn(n) with { HiddenSize = Hidden },
            Padding: PaddingPolicy.Dataset),
        // The neural baselines of Table 1 (docs/BASELINES.md) with their default dropouts, so the step draws its masks on
        // meta; BPR-MF and FPMC make their session table when bound to the training set (on meta) and sample their
        // negatives on the host.
        new("GRU4Rec", typeof(Gru4RecConfig), n => Gru4RecConfig.For(n) with { HiddenSize = Hidden }),
        new("GRU4Rec, embedding dropout", typeof(Gru4RecConfig), n => Gru4RecConfig.For(n) with { HiddenSize = Hidden, EmbeddingDropout = 0.2 }),
        new("NARM", typeof(NarmConfig), n => NarmConfig.For(n) with { HiddenSize = Hidden }),
        new("STAMP", typeof(StampConfig), n => StampConfig.For(n) with { HiddenSize = Hidden }),
        new("BPR-MF", typeof(BprMfConfig), n => BprMfConfig.For(n) with { HiddenSize = Hidden }),
        new("FPMC", typeof(FpmcConfig), n => FpmcConfig.For(n) with { HiddenSize = Hidden }),
        // A model defined outside the library through the extension point (ModelSpec + SessionRecommender).
        new("test model: mean of embeddings", typeof(MeanOfEmbeddingsSpec), n => new MeanOfEmbeddingsSpec(n, Hidden)),
        // Variants through the parts' interfaces (issue 11): a target attention on the generic path (chunked, recomputed
        // in the backward pass with autograd inside a custom function), and a combiner on the fused path.
        new("variant: recency-prior target attention (generic path)", typeof(VariantSpec),
            n => new RecencyVariant().Create(ModelConfig.ForTagnn(n) with { HiddenSize = Hidden }), GenericChunkItems: 7),
        new("variant: Eq. 10 from scratch (fused path)", typeof(VariantSpec),
            n => new ConcatVariant().Create(ModelConfig.ForTagnn(n, Formulation.Paper) with { HiddenSize = Hidden })),
    ];

    public MetaDeviceTests() => MeanOfEmbeddingsSpec.Register();

    public static TheoryData<string> CaseNames() => [.. Cases.Select(c => c.Name)];

    [Fact]
    public void Every_model_specification_type_has_a_meta_case()
    {
        var library = typeof(ModelSpec).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ModelSpec)) && !t.IsAbstract);
        // Specs registered by other test classes (e.g. Table1RunnerTests' deliberately failing one) depend on the test
        // order; the product's registrations are what must be covered.
        var registered = ModelSpec.TypeNames().Select(name => ModelSpec.TypeOf(name)!)
            .Where(t => t.Assembly != typeof(MetaDeviceTests).Assembly);
        var covered = Cases.Select(c => c.SpecType).ToHashSet();
        var missing = library.Concat(registered).Distinct().Where(t => !covered.Contains(t)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0,
            $"No meta-device case for {string.Join(", ", missing)}: add a line to MetaDeviceTests.Cases, e.g. " +
            "new(\"GRU4Rec\", typeof(Gru4RecConfig), n => new Gru4RecConfig { ItemTableSize = n, HiddenSize = Hidden }).");
        Assert.Contains(typeof(ModelConfig), covered);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_training_step_and_the_evaluation_forward_run_on_meta(string caseName)
    {
        var c = Cases.Single(x => x.Name == caseName);
        using var scope = NewDisposeScope();
        var spec = c.Spec(ItemTableSize);
        using var model = spec.Build(seed: 1, device: Meta);
        Assert.Equal(DeviceType.META, model.Device.type);
        Assert.All(model.CheckpointTensors(), p => Assert.True(p.Tensor.device_type == DeviceType.META, $"{p.Name} is on {p.Tensor.device}"));
        using var scorer = c.ChunkItems is { } chunk ? new FusedTargetScorer(new FusedScorerOptions { ChunkItems = chunk }) : null;
        if (scorer is not null) ((SessionModel)model).Scorer = scorer;
        if (c.GenericChunkItems is { } items) ((SessionModel)model).GenericScorer = new ChunkedTargetScorer(items);

        var data = Examples();
        model.BindTrainingSet(data);                        // as the trainer does (BPR-MF, FPMC: the session table, on meta)
        Assert.All(model.CheckpointTensors(), p => Assert.True(p.Tensor.device_type == DeviceType.META, $"{p.Name} is on {p.Tensor.device} after binding"));
        using var batch = MetaBatch(data, c.Padding);
        using var optimizer = new AdamOptimizer(model.named_parameters());
        model.train();                                      // as the trainer does: dropouts on
        if (c.KnownGap is { } gap)
        {
            var e = Assert.ThrowsAny<Exception>(() => TrainingStep.Run(model, optimizer, batch, new TrainingStepContext(0, 0, 7)));
            Assert.Contains(gap, e.Message, StringComparison.Ordinal);
            return;
        }

        var loss = TrainingStep.Run(model, optimizer, batch, new TrainingStepContext(0, 0, 7));
        Assert.Equal(DeviceType.META, loss.device_type);
        Assert.Empty(loss.shape);                                                             // a scalar
        Assert.Equal(ScalarType.Float32, loss.dtype);
        // Every parameter got a gradient of its shape on meta (the scorer's backward runs inside libtorch's engine and
        // reports failures by leaving gradients out, so their presence proves the backward pass completed).
        foreach (var (name, parameter) in model.named_parameters())
        {
            using var grad = parameter.grad;
            Assert.True(grad is not null, $"{name} got no gradient (an error inside a custom backward pass, such as the fused scorer's, leaves gradients out)");
            Assert.Equal(DeviceType.META, grad.device_type);
            Assert.Equal(parameter.shape, grad.shape);
            Assert.Equal(DeviceType.META, parameter.device_type);
        }
        Assert.All(optimizer.Steps, s => Assert.Equal(1, s));                                 // Adam updated every one
        if (model is SessionModel { HasTargetAttention: true, Parts.TargetAttention: not IKeyedTargetAttention } generic)
        {
            Assert.Equal(1, generic.GenericScorer.ForwardCalls);
            Assert.Equal(1, generic.GenericScorer.BackwardCalls);
        }
        else if (model is SessionModel { HasTargetAttention: true } tagnn)
        {
            var fused = Assert.IsType<FusedTargetScorer>(tagnn.Scorer);
            Assert.Equal(ScorerKernel.Tensor, fused.Options.KernelFor(Meta, ScalarType.Float32)); // the device-generic path
            Assert.Equal(1, fused.Statistics.ForwardCalls);
            Assert.Equal(1, fused.Statistics.BackwardCalls);
        }
        // The premise: any host read of these tensors would have thrown.
        var read = Assert.ThrowsAny<Exception>(() => loss.item<float>());
        Assert.Contains("meta", read.Message, StringComparison.OrdinalIgnoreCase);

        // The evaluation forward: scores of every item, the top-k indices and the targets' ranks, still on meta.
        model.eval();
        using (no_grad())
        {
            var scores = model.forward(batch);                                                // (B, N)
            Assert.Equal(DeviceType.META, scores.device_type);
            Assert.Equal(new long[] { batch.Count, spec.ItemCount }, scores.shape);
            var top = scores.topk(20, dim: 1).indexes;                                        // (B, 20)
            Assert.Equal(DeviceType.META, top.device_type);
            Assert.Equal(ScalarType.Int64, top.dtype);
            Assert.Equal(new long[] { batch.Count, 20 }, top.shape);
            var ranks = RankingMetrics.Ranks(scores, batch.Targets);                          // (B)
            Assert.Equal(DeviceType.META, ranks.device_type);
            Assert.Equal(new long[] { batch.Count }, ranks.shape);
            // Where meta stops: the metrics read the ranks and the tie-broken top-k lists on the host, by design.
            var metrics = new RankingMetrics(spec.ItemCount, [20]);
            Assert.ThrowsAny<Exception>(() => metrics.Add(scores, batch.Targets));
        }
    }

    [Theory]
    [InlineData(PaddingPolicy.Batch)]
    [InlineData(PaddingPolicy.Dataset)]
    public void Batches_built_for_meta_have_the_cpu_batches_shapes_and_dtypes(PaddingPolicy padding)
    {
        var data = Examples();
        using var meta = MetaBatch(data, padding);
        using var cpu = new SessionBatcher(data, Options(padding)).Build(Indices);
        Assert.Equal(Meta.type, meta.Device.type);
        var pairs = new[]
        {
            (meta.Items, cpu.Items), (meta.Alias, cpu.Alias), (meta.Adjacency, cpu.Adjacency),
            (meta.Mask, cpu.Mask), (meta.Targets, cpu.Targets), (meta.Lengths, cpu.Lengths),
        };
        foreach (var (m, c) in pairs)
        {
            Assert.Equal(DeviceType.META, m.device_type);
            Assert.Equal(c.shape, m.shape);
            Assert.Equal(c.dtype, m.dtype);
        }
        // The host copies the models plan with are the same on every device.
        Assert.Equal(cpu.LengthsOnHost, meta.LengthsOnHost);
        Assert.Equal(cpu.AliasOnHost, meta.AliasOnHost);
        Assert.Equal(cpu.MaskOnHost, meta.MaskOnHost);
        Assert.Equal(cpu.PadLength, meta.PadLength);
        Assert.True(cpu.HasPadding, "the test batch must hold padding");

        using var free = SessionBatch.FromSessions([[1, 2, 2, 3], [4]], padLength: 6, device: Meta);
        Assert.Equal(DeviceType.META, free.Items.device_type);
        Assert.Equal(new long[] { 2, 4 }, free.Alias.shape);
    }

    [Fact]
    public void A_model_on_meta_refuses_a_cpu_batch()
    {
        using var scope = NewDisposeScope();
        using var model = ModelConfig.ForTagnn(ItemTableSize).Build(1, Meta);
        using var batch = new SessionBatcher(Examples(), Options(PaddingPolicy.Batch)).Build(Indices);
        var e = Assert.Throws<ArgumentException>(() => model.forward(batch));
        Assert.Contains("create batches on the model's device", e.Message, StringComparison.Ordinal);
    }

    // 12 examples with repeated clicks (scorer groups), padding and one-click prefixes; the batch takes 8 of them.
    private static readonly int[] Indices = [0, 1, 2, 3, 4, 5, 6, 7];

    private static SessionDataset Examples() => RandomSessions.Dataset(12, ItemTableSize - 1, 6, seed: 5);

    private static BatcherOptions Options(PaddingPolicy padding) =>
        new(BatchSize: 8, padding, Shuffle: false, Prefetch: false, PadLength: 9);

    private static SessionBatch MetaBatch(SessionDataset data, PaddingPolicy padding) =>
        new SessionBatcher(data, Options(padding) with { Device = Meta }).Build(Indices);

    /// <summary>A model case of <see cref="Cases"/>.</summary>
    /// <param name="Name">The case's name (the theory's argument).</param>
    /// <param name="SpecType">The specification record it covers.</param>
    /// <param name="Spec">The specification for an item table of the given size.</param>
    /// <param name="Padding">How the batch is padded.</param>
    /// <param name="ChunkItems">Forces the fused scorer to chunk (and recompute in the backward pass).</param>
    /// <param name="KnownGap">When the model cannot run on meta: a fragment of the error the step fails with (the
    /// op without a meta kernel, e.g. "aten::index_select"), documented in docs/GPU.md.</param>
    /// <param name="GenericChunkItems">Candidates per chunk of the generic target-attention path (several chunks).</param>
    internal sealed record MetaCase(string Name, Type SpecType, Func<int, ModelSpec> Spec,
        PaddingPolicy Padding = PaddingPolicy.Batch, int? ChunkItems = null, string? KnownGap = null, int? GenericChunkItems = null);
}
