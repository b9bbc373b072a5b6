using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Scoring;
using Tagnn.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

/// <summary>
/// The production scorer (hand-written backward) equals the scorer contract written out naively
/// (<see cref="NaiveReference.Score"/>, materialising (B, N, d)) and the autograd rewrite
/// (<see cref="ExactTargetScorer"/>), forward and every gradient, for both kernels, kept or chunked products,
/// virtual positions, repeated items (groups), float32 and float64.
/// </summary>
public sealed class FusedTargetScorerTests
{
    public static TheoryData<ScorerKernel, int, bool, bool, ScalarType> Cases()
    {
        var data = new TheoryData<ScorerKernel, int, bool, bool, ScalarType>();
        foreach (var kernel in new[] { ScorerKernel.Cpu, ScorerKernel.Tensor })
        foreach (var chunk in new[] { 0, 4, 13 }) // 0: the whole product kept for backward; 4: every chunk narrower than a vector
        foreach (var virtualCount in new[] { false, true })
        foreach (var groups in new[] { false, true })
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
            data.Add(kernel, chunk, virtualCount, groups, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_the_naive_scorer_forward_and_gradients(ScorerKernel kernel, int chunk, bool withVirtual, bool withGroups, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var input = RandomInput(dtype, b: 6, l: 7, d: 5, n: 37, seed: 3, withVirtual, withGroups);
        using var scorer = new FusedTargetScorer(new FusedScorerOptions { Kernel = kernel, ChunkItems = chunk == 0 ? null : chunk });
        var tolerance = dtype == ScalarType.Float64 ? 1e-11 : 2e-6;
        CompareWithNaive(scorer, input, tolerance);
        if (chunk == 0) Assert.Equal(1, scorer.Statistics.BackwardCalls);
    }

    [Theory]
    [InlineData(ScorerKernel.Cpu)]
    [InlineData(ScorerKernel.Tensor)]
    public void Equals_the_naive_scorer_over_many_item_blocks(ScorerKernel kernel)
    {
        // N = 2,213 spans several of the CPU kernel's item blocks (1,024) and cache blocks (128) and a ragged tail.
        using var scope = NewDisposeScope();
        foreach (var chunk in new int?[] { null, 700 })
        {
            var input = RandomInput(ScalarType.Float64, b: 4, l: 6, d: 3, n: 2213, seed: 8, withVirtual: true, withGroups: true);
            using var scorer = new FusedTargetScorer(new FusedScorerOptions { Kernel = kernel, ChunkItems = chunk });
            CompareWithNaive(scorer, input, 1e-11);
        }
    }

    [Theory]
    [InlineData(nameof(TargetScorePass.Scores))]
    [InlineData(nameof(TargetScorePass.Forward))]
    [InlineData(nameof(TargetScorePass.Backward))]
    [InlineData(nameof(TargetScorePass.RecomputeBackward))]
    public void The_tensor_kernel_gives_the_same_numbers_in_blocks_of_items(string passName)
    {
        var pass = Enum.Parse<TargetScorePass>(passName);
        // Items are independent columns: blocks of 37 columns (ragged last block) equal one pass over all 301, up to the
        // last bit of exp (libtorch's vectorised and scalar exp, which a column gets depends on its place in the block).
        using var scope = NewDisposeScope();
        var input = RandomInput(ScalarType.Float32, b: 6, l: 7, d: 5, n: 301, seed: 9, withVirtual: true, withGroups: true);
        var plan = TargetScorePlan.Build(input);
        var generator = new Generator(5);
        var chunk = randn([2L * plan.Rows, 301], generator: generator);
        if (pass == TargetScorePass.Backward) chunk.narrow(0, 0, plan.Rows).copy_(chunk.narrow(0, 0, plan.Rows).softmax(0)); // beta-like
        var scores = randn([6, 301], generator: generator);
        var grad = randn([6, 301], generator: generator);
        var (whole, wholeScores) = (chunk.clone(), scores.clone());
        var (blocked, blockedScores) = (chunk.clone(), scores.clone());
        TensorScoreKernel.Run(pass, plan, whole, wholeScores, grad);
        var column = 6L * plan.WidestExample * sizeof(float);
        TensorScoreKernel.Run(pass, plan, blocked, blockedScores, grad, blockBytes: 37 * column);
        AssertClose(whole, blocked, 1e-6, "the buffer");
        AssertClose(wholeScores, blockedScores, 1e-6, "the scores");
        Assert.False(pass == TargetScorePass.Scores ? Training.TinyData.BitEqual(scores, wholeScores) : Training.TinyData.BitEqual(chunk, whole),
            "the pass changed its output");
        if (pass == TargetScorePass.Backward) Assert.True(Training.TinyData.BitEqual(whole, blocked), "no exp in this pass: the same bits");
    }

    [Fact]
    public void Equals_the_exact_autograd_scorer_in_float32()
    {
        using var scope = NewDisposeScope();
        foreach (var (withVirtual, withGroups) in new[] { (false, false), (true, true) })
        {
            var input = RandomInput(ScalarType.Float32, b: 5, l: 8, d: 6, n: 53, seed: 12, withVirtual, withGroups);
            var probe = randn(5, 53, generator: new Generator(4));
            var inputs = new[] { input.Keys, input.Values, input.Session, input.Candidates };
            var exact = new ExactTargetScorer().Score(input);
            var exactGrads = autograd.grad([(exact * probe).sum()], inputs);
            using var scorer = new FusedTargetScorer();
            var fused = scorer.Score(input);
            var fusedGrads = autograd.grad([(fused * probe).sum()], inputs);
            AssertClose(exact, fused, 2e-6, "scores");
            for (var i = 0; i < 4; i++) AssertClose(exactGrads[i], fusedGrads[i], 2e-6, $"gradient {Names[i]}");
        }
    }

    [Theory]
    [InlineData(ScorerKernel.Cpu)]
    [InlineData(ScorerKernel.Tensor)]
    public void Scores_without_gradients_go_through_chunks_and_equal_the_naive_scores(ScorerKernel kernel)
    {
        using var scope = NewDisposeScope();
        var input = RandomInput(ScalarType.Float64, b: 6, l: 7, d: 5, n: 301, seed: 5, withVirtual: true, withGroups: true);
        // ChunkBytes of 64 items' columns: the 301 items go through 5 chunks.
        var rowBytes = 2L * TargetScorePlan.Build(input).Rows * sizeof(double);
        using var scorer = new FusedTargetScorer(new FusedScorerOptions { Kernel = kernel, ChunkBytes = 64 * rowBytes });
        Tensor fast;
        using (no_grad()) fast = scorer.Score(input);
        Assert.False(fast.requires_grad);
        AssertClose(NaiveReference.Score(input), fast, 1e-11, "scores");
        Assert.Equal(5, scorer.Statistics.Chunks);
    }

    [Fact]
    public void Groups_score_each_distinct_item_once_and_padding_is_never_scored()
    {
        using var scope = NewDisposeScope();
        var input = RandomInput(ScalarType.Float32, b: 6, l: 7, d: 5, n: 37, seed: 3, withVirtual: true, withGroups: true);
        var plan = TargetScorePlan.Build(input);
        var attend = input.Attend.data<float>().ToArray();
        var alias = input.Groups!.data<long>().ToArray();
        var distinct = Enumerable.Range(0, 6).Sum(b => Enumerable.Range(0, 7).Where(i => attend[b * 7 + i] == 1).Select(i => alias[b * 7 + i]).Distinct().Count());
        Assert.Equal(distinct, plan.Rows);
        Assert.True(plan.Rows < attend.Count(a => a == 1)); // the random groups do repeat
        Assert.Equal(attend.Sum(), plan.Counts.Sum());
        Assert.True(plan.HasRepeats);
        using var scorer = new FusedTargetScorer();
        var grouped = scorer.Score(input);
        grouped.sum().backward();
        Assert.Equal(distinct, scorer.Statistics.Rows);
        Assert.Equal(42, scorer.Statistics.Positions);
        using var ungrouped = new FusedTargetScorer();
        AssertClose(grouped, ungrouped.Score(input with { Groups = null }), 2e-6, "scores without grouping");
        Assert.Equal(attend.Count(a => a == 1), ungrouped.Statistics.Rows);
    }

    [Fact]
    public void A_second_backward_pass_through_a_kept_product_recomputes_it()
    {
        using var scope = NewDisposeScope();
        var input = RandomInput(ScalarType.Float64, b: 4, l: 5, d: 3, n: 29, seed: 6, withVirtual: true, withGroups: false);
        var inputs = new[] { input.Keys, input.Values, input.Session, input.Candidates };
        using var scorer = new FusedTargetScorer();
        var scores = scorer.Score(input);
        var loss = (scores * scores).sum();
        var first = autograd.grad([loss], inputs, retain_graph: true);
        var second = autograd.grad([loss], inputs);
        for (var i = 0; i < 4; i++) AssertClose(first[i], second[i], 1e-12, $"gradient {Names[i]}");
        Assert.Equal(2, scorer.Statistics.BackwardCalls);
    }

    [Fact]
    public void A_failed_backward_pass_is_reported_by_the_next_call()
    {
        // Modifying a saved input in place between two backward passes is an autograd error. It happens inside the
        // native engine's call into the scorer, where an exception cannot propagate: the next Score call throws it.
        using var scope = NewDisposeScope();
        var input = RandomInput(ScalarType.Float32, b: 3, l: 4, d: 3, n: 11, seed: 2, withVirtual: false, withGroups: false);
        using var scorer = new FusedTargetScorer();
        var loss = scorer.Score(input).sum();
        loss.backward(retain_graph: true);
        var before = input.Candidates.grad!.clone();
        using (no_grad()) input.Candidates.add_(1);
        var error = Console.Error;
        Console.SetError(TextWriter.Null);
        try
        {
            loss.backward();
        }
        finally
        {
            Console.SetError(error);
        }
        TensorAssert.Equal(before, input.Candidates.grad!, "gradient left as it was");
        var e = Assert.Throws<InvalidOperationException>(() => scorer.Score(input));
        Assert.Contains("previous backward pass", e.Message);
        scorer.Score(input); // reported once
    }

    [Fact]
    public void Bad_inputs_are_refused_with_the_reason()
    {
        using var scope = NewDisposeScope();
        var input = RandomInput(ScalarType.Float32, b: 2, l: 3, d: 4, n: 5, seed: 1, withVirtual: false, withGroups: false);
        using var scorer = new FusedTargetScorer();
        var half = input with { Attend = full(2, 3, 0.5f) };
        Assert.Contains("must be 0 or 1", Assert.Throws<ArgumentException>(() => scorer.Score(half)).Message);
        var wide = input with { Session = zeros(2, 5) };
        Assert.Contains("Session has shape [2, 5]", Assert.Throws<ArgumentException>(() => scorer.Score(wide)).Message);
        var mixed = input with { Candidates = input.Candidates.detach().to(ScalarType.Float64) };
        Assert.Contains("use one dtype", Assert.Throws<ArgumentException>(() => scorer.Score(mixed)).Message);
        var negative = input with { VirtualCount = tensor(new float[] { 1, -1 }) };
        Assert.Contains("VirtualCount[1]", Assert.Throws<ArgumentException>(() => scorer.Score(negative)).Message);
        Assert.Throws<ArgumentException>(() => new FusedTargetScorer(new FusedScorerOptions { ChunkItems = 0 }));
    }

    [Fact]
    public void Many_steps_keep_the_live_tensor_count_and_the_scratch_memory_flat()
    {
        using var scorer = new FusedTargetScorer();
        var chunked = new FusedTargetScorer(new FusedScorerOptions { ChunkItems = 7 });
        using var outer = NewDisposeScope();
        long? live = null;
        long? scratch = null;
        for (var step = 0; step < 40; step++)
        {
            using (var scope = NewDisposeScope())
            {
                // Shapes vary from step to step (batch length, repeats), as real batches do.
                var input = RandomInput(ScalarType.Float32, b: 5, l: 4 + step % 4, d: 4, n: 23, seed: step, withVirtual: step % 2 == 0, withGroups: true);
                scorer.Score(input).sum().backward();
                chunked.Score(input).sum().backward();
                scorer.Score(input); // a forward pass with gradients that is never backpropagated
                using (no_grad()) scorer.Score(input);
            }
            if (step == 9)
            {
                live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
                scratch = scorer.ScratchBytes + chunked.ScratchBytes;
            }
            if (step > 9)
            {
                Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
                Assert.True(scorer.ScratchBytes + chunked.ScratchBytes <= 2 * scratch, $"scratch grew to {scorer.ScratchBytes + chunked.ScratchBytes} bytes from {scratch}");
            }
        }
        chunked.Dispose();
        Assert.Equal(0, chunked.ScratchBytes);
    }

    [Fact]
    public void The_model_scores_dataset_padding_as_virtual_positions_and_each_item_once()
    {
        using var scope = NewDisposeScope();
        var model = FormulationPropertyTests.Build(ModelKind.Tagnn, Formulation.Reference, ReadoutKind.LocalAttentive, 1, seed: 4);
        Assert.IsType<FusedTargetScorer>(model.Scorer);
        var data = RandomSessions.Dataset(count: 9, items: 23, maxLength: 6, seed: 21);
        using var batch = new SessionBatcher(data, new BatcherOptions(BatchSize: 9, Padding: PaddingPolicy.Dataset, PadLength: 40, Prefetch: false))
            .Build(Enumerable.Range(0, 9).ToArray());
        var fused = (FusedTargetScorer)model.Scorer;
        var fastScores = model.forward(batch);
        var fastGrads = FormulationPropertyTests.Gradients(model, NextItemLoss.Compute(fastScores, batch.Targets));
        model.Scorer = new ExactTargetScorer();
        var exactScores = model.forward(batch);
        var exactGrads = FormulationPropertyTests.Gradients(model, NextItemLoss.Compute(exactScores, batch.Targets));
        AssertClose(exactScores, fastScores, 2e-6, "scores");
        foreach (var (name, grad) in exactGrads) AssertClose(grad, fastGrads[name], 2e-5, $"grad.{name}");

        var distinct = Enumerable.Range(0, 9).Sum(i => data.Prefix(i).ToArray().Distinct().Count());
        Assert.Equal(distinct, fused.Statistics.Rows);   // the 40-long padding is not scored, repeats once
        Assert.Equal(9 * 40, fused.Statistics.Positions);
    }

    private static readonly string[] Names = ["keys", "values", "session", "candidates"];

    private static void CompareWithNaive(FusedTargetScorer scorer, TargetScorerInput input, double tolerance)
    {
        var probe = randn(input.Keys.shape[0], input.Candidates.shape[0], dtype: input.Keys.dtype, generator: new Generator(99));
        var inputs = new[] { input.Keys, input.Values, input.Session, input.Candidates };
        var naive = NaiveReference.Score(input);
        var naiveGrads = autograd.grad([(naive * probe).sum()], inputs);
        var fast = scorer.Score(input);
        Assert.Equal(input.Keys.dtype, fast.dtype);
        var fastGrads = autograd.grad([(fast * probe).sum()], inputs);
        AssertClose(naive, fast, tolerance, "scores");
        for (var i = 0; i < 4; i++) AssertClose(naiveGrads[i], fastGrads[i], tolerance, $"gradient {Names[i]}");
    }

    /// <summary>
    /// Random scorer inputs shaped like a model's: per-position keys and values gathered from per-node rows by a
    /// random alias with repeats (so equal positions hold equal rows), 0 on the padding after each example's length;
    /// example 0 is full, and with virtual positions the last example attends nothing (all its mass is virtual).
    /// </summary>
    internal static TargetScorerInput RandomInput(ScalarType dtype, int b, int l, int d, int n, int seed, bool withVirtual, bool withGroups)
    {
        var generator = new Generator((ulong)seed + 1);
        var random = new Random(seed);
        var nodes = l;
        var alias = new long[b, l];
        var attend = new float[b, l];
        var counts = new float[b];
        for (var e = 0; e < b; e++)
        {
            var length = e == 0 ? l : withVirtual && e == b - 1 ? 0 : random.Next(1, l + 1);
            for (var i = 0; i < l; i++)
            {
                attend[e, i] = i < length ? 1 : 0;
                alias[e, i] = i < length ? (i > 0 && random.NextDouble() < 0.4 ? alias[e, random.Next(i)] : random.Next(1, nodes)) : 0;
            }
            counts[e] = withVirtual ? random.Next(0, 4) + (length == 0 ? 1 : 0) : 0;
        }
        var attendT = tensor(attend);
        var aliasT = tensor(alias);
        var index = aliasT.unsqueeze(2).expand(b, l, d);
        var mask = attendT.to(dtype).unsqueeze(2);
        var keys = (randn(b, nodes, d, dtype: dtype, generator: generator).gather(1, index) * mask).detach().requires_grad_();
        var values = (randn(b, nodes, d, dtype: dtype, generator: generator).gather(1, index) * mask).detach().requires_grad_();
        var session = randn(b, d, dtype: dtype, generator: generator).requires_grad_();
        var candidates = randn(n, d, dtype: dtype, generator: generator).requires_grad_();
        return new TargetScorerInput(keys, values, attendT, withVirtual ? tensor(counts) : null, session, candidates)
        {
            Groups = withGroups ? aliasT : null,
        };
    }

    /// <summary>Max abs difference within <paramref name="tolerance"/> times max(1, the largest magnitude expected).</summary>
    private static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var scope = NewDisposeScope();
        var e = expected.detach().to(ScalarType.Float64);
        var diff = (e - actual.detach().to(ScalarType.Float64)).abs().max().item<double>();
        var scale = Math.Max(1, e.abs().max().item<double>());
        Assert.True(diff <= tolerance * scale, $"{what}: max abs diff {diff:G3} > {tolerance:G3} x {scale:G3}");
    }
}
