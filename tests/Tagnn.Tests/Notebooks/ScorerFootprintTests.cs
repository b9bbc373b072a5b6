using Tagnn.Model;
using Tagnn.Model.Scoring;
using Tagnn.Notebooks;
using Tagnn.Tests.Support;
using static TorchSharp.torch;

namespace Tagnn.Tests.Notebooks;

public sealed class ScorerFootprintTests
{
    [Fact]
    public void Sizes_at_Diginetica_scale_match_the_hand_computation()
    {
        var digi = new ScorerFootprint(BatchSize: 100, Items: 43_097, HiddenSize: 100, Length: 20);
        Assert.Equal(1_723_880_000L, digi.BatchItemsHiddenBytes);       // 100 x 43,097 x 100 x 4 bytes = 1.7 GB
        Assert.Equal(344_776_000L, digi.BatchItemsLengthBytes);         // L = 20 positions
        Assert.Equal(2 * 344_776_000L + 3 * 1_723_880_000L, digi.NaiveForwardBytes);
        Assert.Equal(4 * 344_776_000L, digi.RewriteForwardBytes);
    }

    [Fact]
    public void The_naive_scorer_equals_the_exact_scorer_with_padding_and_virtual_positions()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(5);
        const int b = 3, l = 5, d = 4, n = 17;
        var input = new TargetScorerInput(
            Keys: randn(b, l, d, generator: generator),
            Values: randn(b, l, d, generator: generator),
            Attend: tensor(new float[,] { { 1, 1, 1, 1, 1 }, { 1, 1, 0, 0, 0 }, { 1, 0, 0, 0, 0 } }),
            VirtualCount: tensor(new float[] { 0, 3, 7 }),
            Session: randn(b, d, generator: generator),
            Candidates: randn(n, d, generator: generator));
        var naive = NaiveTargetScorer.Score(input);
        Assert.Equal(new long[] { b, n }, naive.shape);
        TensorAssert.Close(new ExactTargetScorer().Score(input), naive, 1e-5, "naive vs exact scores");
        // Without virtual positions too (and the naive way never depends on the padded values).
        var plain = input with { VirtualCount = null };
        TensorAssert.Close(new ExactTargetScorer().Score(plain), NaiveTargetScorer.Score(plain), 1e-5, "no virtual positions");
    }

    [Fact]
    public void RandomInput_is_seeded_and_differentiable()
    {
        using var scope = NewDisposeScope();
        var shape = new ScorerFootprint(2, 9, 4, 3);
        var a = shape.RandomInput(seed: 1);
        var b = shape.RandomInput(seed: 1);
        TensorAssert.Equal(a.Keys, b.Keys, "same seed, same keys");
        Assert.Equal(new long[] { 2, 3, 4 }, a.Keys.shape);
        Assert.Equal(new long[] { 9, 4 }, a.Candidates.shape);
        Assert.True(a.Candidates.requires_grad);
        Assert.True(a.Keys.abs().max().item<float>() <= 0.5f);          // U(-1/sqrt(d), 1/sqrt(d))
    }

    [Fact]
    public void Measure_sees_the_memory_of_the_naive_scorer_on_Linux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(PeakMemory.IsSupported);
            Assert.Throws<PlatformNotSupportedException>(() => PeakMemory.Measure(() => { }));
            return;
        }
        Assert.True(PeakMemory.IsSupported);
        // One (B, N, d) tensor is 4 x 50 x 2,000 x 100 bytes = 40 MB; the naive forward alone builds three of them.
        var shape = new ScorerFootprint(BatchSize: 50, Items: 2_000, HiddenSize: 100, Length: 4);
        var naive = shape.Measure(NaiveTargetScorer.Score, seed: 3);
        Assert.True(naive.PeakAboveStartBytes >= shape.BatchItemsHiddenBytes,
            $"peak rise {naive.PeakAboveStartBytes:N0} bytes < one (B, N, d) tensor ({shape.BatchItemsHiddenBytes:N0})");
        Assert.True(naive.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public void PeakMemory_sees_a_touched_allocation_on_Linux_and_refuses_elsewhere()
    {
        Assert.Equal(OperatingSystem.IsLinux(), PeakMemory.IsSupported);
        const long bytes = 256L << 20;
        void Work()
        {
            using var t = ones(bytes / 4);                                  // 256 MB, every page written
        }
        if (!PeakMemory.IsSupported)
        {
            Assert.Throws<PlatformNotSupportedException>(() => PeakMemory.Measure(Work));
            return;
        }
        var m = PeakMemory.Measure(Work);
        Assert.True(m.PeakAboveStartBytes >= bytes * 9 / 10, $"peak rise {m.PeakAboveStartBytes:N0} bytes for a {bytes:N0}-byte tensor");
        Assert.True(m.StartBytes > 0);
    }
}
