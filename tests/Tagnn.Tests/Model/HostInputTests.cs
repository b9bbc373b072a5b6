using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Scoring;
using Tagnn.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

/// <summary>
/// The forward pass reads no device memory: the model decides padding from the batch's host arrays and hands the
/// scorer host copies of its small inputs. Those copies must equal the tensors, for every formulation and padding.
/// </summary>
public sealed class HostInputTests
{
    public static TheoryData<Formulation, PaddingPolicy, int> Cases()
    {
        var data = new TheoryData<Formulation, PaddingPolicy, int>();
        foreach (var formulation in Enum.GetValues<Formulation>())
        foreach (var padding in new[] { PaddingPolicy.Batch, PaddingPolicy.Dataset })
        foreach (var padLength in new[] { 0, 9 }) // 0: the dataset's own longest prefix
            data.Add(formulation, padding, padLength);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_scorer_gets_host_copies_equal_to_its_tensors(Formulation formulation, PaddingPolicy padding, int padLength)
    {
        using var scope = NewDisposeScope();
        var model = FormulationPropertyTests.Build(ModelKind.Tagnn, formulation, ReadoutKind.LocalAttentive, 1, seed: 1);
        var data = RandomSessions.Dataset(12, 23, 6, seed: 4);
        var batcher = new SessionBatcher(data, new BatcherOptions(BatchSize: 6, padding, Prefetch: false, PadLength: padLength == 0 ? null : padLength));
        var spy = new SpyScorer();
        model.Scorer = spy;
        foreach (var batch in batcher.Batches())
        {
            using (batch)
            {
                model.forward(batch);
                var (attend, groups, virtualCount, host) = spy.Last!.Value;
                Assert.NotNull(host);
                Assert.Equal(attend, host.Attend);
                Assert.Equal(groups, host.Groups);
                Assert.Equal(virtualCount, host.VirtualCount);
                Assert.Equal(batch.Lengths.data<long>().ToArray(), batch.LengthsOnHost);
                Assert.Equal(batch.Alias.data<long>().ToArray(), batch.AliasOnHost);
                Assert.Equal(batch.Mask.data<float>().ToArray(), batch.MaskOnHost);
            }
        }
        Assert.Equal(2, spy.Calls);
    }

    [Fact]
    public void The_fused_scorer_plans_the_same_rows_from_host_copies_and_from_tensors()
    {
        using var scope = NewDisposeScope();
        var input = FusedTargetScorerTests.RandomInput(ScalarType.Float32, b: 6, l: 7, d: 5, n: 37, seed: 3, withVirtual: true, withGroups: true);
        var host = new TargetScorerHostInput(input.Attend.data<float>().ToArray(), input.Groups!.data<long>().ToArray(),
            input.VirtualCount!.data<float>().ToArray());
        var fromTensors = TargetScorePlan.Build(input);
        var fromHost = TargetScorePlan.Build(input with { Host = host });
        Assert.Equal(fromTensors.Offsets, fromHost.Offsets);
        Assert.Equal(fromTensors.Counts, fromHost.Counts);
        Assert.Equal(fromTensors.VirtualCounts, fromHost.VirtualCounts);
        Assert.Equal(fromTensors.Positions, fromHost.Positions);
        Assert.Equal(fromTensors.RowOfPosition, fromHost.RowOfPosition);
        using var scorer = new FusedTargetScorer();
        Assert.True(Training.TinyData.BitEqual(scorer.Score(input), scorer.Score(input with { Host = host })), "the same scores, bit for bit");

        Assert.Throws<ArgumentException>(() => TargetScorePlan.Build(input with { Host = host with { Attend = [1, 0] } }));
        Assert.Throws<ArgumentException>(() => TargetScorePlan.Build(input with { Host = host with { Groups = null } }));
        Assert.Throws<ArgumentException>(() => TargetScorePlan.Build(input with { Host = host with { VirtualCount = null } }));
    }

    [Fact]
    public void The_kernel_is_chosen_by_the_device()
    {
        var auto = new FusedScorerOptions();
        Assert.Equal(ScorerKernel.Cpu, auto.KernelFor(CPU, ScalarType.Float32));
        Assert.Equal(ScorerKernel.Cpu, auto.KernelFor(CPU, ScalarType.Float64));
        Assert.Equal(ScorerKernel.Tensor, auto.KernelFor(CPU, ScalarType.BFloat16));
        Assert.Equal(ScorerKernel.Tensor, auto.KernelFor(new Device(DeviceType.META), ScalarType.Float32));
        Assert.Equal(ScorerKernel.Tensor, auto.KernelFor(new Device(DeviceType.CUDA), ScalarType.Float32));
        Assert.Throws<ArgumentException>(() => new FusedScorerOptions { Kernel = ScorerKernel.Cpu }.KernelFor(new Device(DeviceType.CUDA), ScalarType.Float32));
        Assert.Equal(ScorerKernel.Tensor, new FusedScorerOptions { Kernel = ScorerKernel.Tensor }.KernelFor(CPU, ScalarType.Float32));
    }

    private sealed class SpyScorer : ITargetScorer
    {
        private readonly ExactTargetScorer exact = new();

        public int Calls { get; private set; }

        // The tensors as host arrays (read here, while they live) and the host copies the model passed.
        public (float[] Attend, long[]? Groups, float[]? VirtualCount, TargetScorerHostInput? Host)? Last { get; private set; }

        public Tensor Score(TargetScorerInput input)
        {
            Calls++;
            Last = (input.Attend.data<float>().ToArray(), input.Groups?.data<long>().ToArray(), input.VirtualCount?.data<float>().ToArray(), input.Host);
            return exact.Score(input);
        }
    }
}
