using Tagnn.Model;
using Tagnn.Model.Scoring;
using Tagnn.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

/// <summary>
/// Which operations run on the meta device of this libtorch (2.10, C++ only: the meta kernels PyTorch registers from
/// Python are missing), asserted both ways so the map in docs/GPU.md stays true when libtorch changes; and the proof
/// that the formulations chosen for meta give the same bits on the CPU as the ones they replace.
/// </summary>
public sealed partial class MetaDeviceTests
{
    // Operation -> (runs on meta?, what the failure names, the operation). The uses are in docs/GPU.md.
    private static readonly Dictionary<string, (bool Works, string? Error, Func<Tensor> Run)> Operations = new()
    {
        ["host tensor copied to meta (batch creation)"] = (true, null, () => tensor(new long[] { 1, 2 }).to(Meta)),
        ["tensor(long[]) created on meta (scorer index tensors)"] = (true, null, () => tensor(new long[] { 1, 2 }, device: Meta)),
        ["gather, forward and backward (EmbeddingLookup, alias, last click, scorer rows)"] = (true, null,
            () => Backward(w => w.gather(0, MetaIds(6, 5).view(-1, 1).expand(-1, 4)), 10, 4)),
        ["scatter_add, forward and backward (scorer rows of repeated clicks)"] = (true, null,
            () => Backward(x => zeros(3, 4, device: Meta).scatter_add(0, MetaIds(3, 5).view(-1, 1).expand(-1, 4), x), 5, 4)),
        ["index_add_ and index_copy_ without autograd (tensor kernel)"] = (true, null,
            () => full(3, 4, double.NegativeInfinity, device: Meta).index_copy_(0, MetaIds(3, 2), MetaRandom(2, 4))
                .index_add_(0, MetaIds(3, 5), MetaRandom(5, 4), 1)),
        ["matmul, linear, mm, backward (GNN, readouts, scorer GEMMs)"] = (true, null,
            () => Backward(w => nn.functional.linear(MetaRandom(2, 3, 4).matmul(MetaRandom(2, 4, 4)), w).reshape(6, 5).mm(MetaRandom(5, 2)), 5, 4)),
        ["addmm_ into a buffer (the fused scorer's GEMMs)"] = (true, null,
            () => empty(3, 5, device: Meta).addmm_(MetaRandom(3, 4), MetaRandom(4, 5), beta: 0, alpha: 1)),
        ["sigmoid, tanh, exp, log, sqrt, cat, chunk, narrow (gates, softmaxes)"] = (true, null,
            () => Backward(x => cat(x.sigmoid().tanh().exp().log().chunk(2, 1), 0).narrow(0, 0, 3).sqrt(), 3, 4)),
        ["masked_fill, eq, amax, maximum, isneginf, sum, division (SoftmaxPadding)"] = (true, null,
            () => Backward(x =>
            {
                var masked = x.masked_fill(x.eq(0), float.NegativeInfinity);
                var max = maximum(masked.amax([1], keepdim: true), zeros(3, 1, device: Meta)).detach();
                return (masked - max).exp() / (masked - max).exp().sum(1, keepdim: true) + max.isneginf();
            }, 3, 4)),
        ["cross_entropy, forward and backward (NextItemLoss)"] = (true, null,
            () => Backward(x => nn.functional.cross_entropy(x, MetaIds(40, 3)).view(1, 1), 3, 40)),
        ["Adam's updates: mul_, add_, addcmul_, sqrt, addcdiv_"] = (true, null, () =>
        {
            var (p, g, m, v) = (MetaRandom(4), MetaRandom(4), zeros(4, device: Meta), zeros(4, device: Meta));
            m.mul_(0.9).add_(g, alpha: 0.1);
            v.mul_(0.999).addcmul_(g, g, value: 0.001);
            return p.addcdiv_(m, (v.sqrt() / 0.5).add_(1e-8), value: -1e-3);
        }),
        ["topk (evaluation)"] = (true, null, () => MetaRandom(3, 40).topk(20, dim: 1).indexes),
        ["gt, eq, lt, bitwise_and, sum of bool (RankingMetrics.Ranks)"] = (true, null,
            () => MetaRandom(3, 40).gt(MetaRandom(3, 1)).sum(1) + MetaRandom(3, 40).eq(MetaRandom(3, 1)).bitwise_and(MetaIds(9, 1, 40).lt(MetaIds(9, 3, 1))).sum(1)),
        ["nn.GRUCell, forward and backward"] = (true, null, () =>
        {
            var cell = nn.GRUCell(4, 5);
            cell.to(Meta);
            return Backward(x => cell.call(x, zeros(3, 5, device: Meta)), 3, 4);
        }),

        ["index_select (nn.Embedding's lookup)"] = (false, "aten::index_select", () => MetaRandom(10, 4).index_select(0, MetaIds(10, 5))),
        ["nn.Embedding forward"] = (false, "aten::index_select", () =>
        {
            var embedding = nn.Embedding(10, 4);
            embedding.to(Meta);
            return embedding.call(MetaIds(10, 2, 3));
        }),
        ["index_add backward (its source gradient is an index_select)"] = (false, "aten::index_select",
            () => Backward(x => zeros(3, 4, device: Meta).index_add(0, MetaIds(3, 5), x, 1), 5, 4)),
        ["logical_and"] = (false, "aten::logical_and", () => MetaRandom(3).gt(0).logical_and(MetaRandom(3).lt(0))),
        ["nonzero (RankingMetrics.TopK, data-dependent shape)"] = (false, "aten::nonzero", () => MetaRandom(3, 4).ge(0).nonzero()),
        ["masked_select (RankingMetrics.TopK, data-dependent shape)"] = (false, "aten::masked_select",
            () => MetaRandom(3, 4).masked_select(MetaRandom(3, 4).ge(0))),
        ["relu"] = (false, "aten::relu", () => MetaRandom(3).relu()),
        ["where"] = (false, "aten::where", () => where(MetaRandom(3).gt(0), MetaRandom(3), MetaRandom(3))),
        ["log_sigmoid (nn.functional.logsigmoid)"] = (false, "aten::log_sigmoid", () => nn.functional.logsigmoid(MetaRandom(3))),
        ["nn.GRU (TorchSharp keeps its flat weights on the CPU)"] = (false, "parameter tensor at cpu", () =>
        {
            var gru = nn.GRU(4, 5, batchFirst: true);
            gru.to(Meta);
            return gru.call(MetaRandom(2, 3, 4), zeros(1, 2, 5, device: Meta)).Item1;
        }),
        ["item(), data<T>(), cpu() (host reads)"] = (false, "Cannot copy out of meta tensor", () => tensor(MetaRandom(1).item<float>())),
    };

    public static TheoryData<string> OperationNames() => [.. Operations.Keys];

    [Theory]
    [MemberData(nameof(OperationNames))]
    public void Operation_on_meta_works_or_fails_as_documented(string operation)
    {
        var (works, error, run) = Operations[operation];
        using var scope = NewDisposeScope();
        if (works)
        {
            var result = run();
            Assert.Equal(DeviceType.META, result.device_type);
            return;
        }
        var e = Assert.ThrowsAny<Exception>(() => run());
        Assert.Contains(error!, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(43_098, 100, 100, 10)]   // Diginetica's item table, a batch of 100 graphs of 10 nodes
    [InlineData(50, 16, 64, 12)]         // many repeated ids
    public void Embedding_lookup_by_gather_equals_nn_Embedding_bit_for_bit(int rows, int d, int b, int n)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(11);
        var table = randn([rows, d], generator: generator) * 0.1;
        var ids = randint(0, rows, [b, n], dtype: ScalarType.Int64, generator: generator);
        ids = ids.masked_fill(rand([b, n], generator: generator).lt(0.3), 3);                 // repeats of id 3
        var upstream = randn([b, n, d], generator: generator);

        var embedding = nn.Embedding(rows, d);
        using (no_grad()) embedding.weight!.copy_(table);
        var expected = embedding.call(ids);
        (expected * upstream).sum().backward();

        var weight = table.clone().requires_grad_(true);
        var actual = EmbeddingLookup.Rows(weight, ids);
        (actual * upstream).sum().backward();

        Assert.Equal(new long[] { b, n, d }, actual.shape);
        Assert.True(TinyData.BitEqual(expected, actual), "forward: the same rows");
        Assert.True(TinyData.BitEqual(embedding.weight!.grad!, weight.grad!), "backward: the same gradient, bit for bit");
    }

    [Fact]
    public void Scorer_rows_packed_by_gather_and_scatter_add_equal_index_select_and_index_add_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        var input = FusedTargetScorerTests.RandomInput(ScalarType.Float32, b: 9, l: 8, d: 12, n: 30, seed: 4, withVirtual: false, withGroups: true);
        var plan = TargetScorePlan.Build(input);
        Assert.True(plan.HasRepeats, "the input must hold repeated clicks");
        var perPosition = input.Keys.detach().clone().requires_grad_(true);                   // (B, L, d)
        var upstream = randn(plan.Rows, 12);

        var packed = plan.Pack(perPosition);                                                  // gather, scatter_add
        (packed * upstream).sum().backward();
        var gradient = perPosition.grad!.clone();
        perPosition.grad!.zero_();

        var flat = perPosition.reshape(-1, 12);                                               // what Pack did before
        var picked = flat.index_select(0, tensor(plan.Positions));
        var sum = zeros(plan.Rows, 12).index_add(0, tensor(plan.RowOfPosition), picked, 1);
        var expected = sum / tensor(plan.Counts).to(ScalarType.Float32).unsqueeze(1);
        (expected * upstream).sum().backward();

        Assert.True(TinyData.BitEqual(expected, packed), "forward: the same rows");
        Assert.True(TinyData.BitEqual(perPosition.grad!, gradient), "backward: the same gradient, bit for bit");
    }

    private static Tensor MetaRandom(params long[] shape) => randn(shape, device: Meta);

    private static Tensor MetaIds(long bound, params long[] shape) => randint(0, bound, shape, dtype: ScalarType.Int64, device: Meta);

    // f of a fresh (rows, columns) leaf on meta, backpropagated; returns the leaf's gradient (shape of the leaf).
    private static Tensor Backward(Func<Tensor, Tensor> f, long rows, long columns)
    {
        var x = randn([rows, columns], device: Meta, requires_grad: true);
        f(x).sum().backward();
        return x.grad ?? throw new InvalidOperationException("no gradient");
    }
}
