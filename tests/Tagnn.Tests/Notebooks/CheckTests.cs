using TorchSharp;

namespace Tagnn.Tests.Notebooks;

using Tagnn.Course;

/// <summary>The notebooks' asserted comparisons: a pass prints its gap, a drift throws naming what was compared.</summary>
public sealed class CheckTests : IDisposable
{
    private readonly StringWriter output = new();

    public CheckTests() => Check.Output = output;

    public void Dispose()
    {
        Check.Output = null;
        output.Dispose();
    }

    [Fact]
    public void Numbers_within_the_tolerance_pass_and_print_the_gap()
    {
        var gap = Check.Close("C[1, 0]", byHand: 10, library: 10.0000004, tolerance: 1e-6);

        Assert.Equal(4e-7, gap, 12);
        Assert.Equal("C[1, 0]: by hand 10, library 10.0000004, |gap| 4e-7 <= 1e-6 ok" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Numbers_beyond_the_tolerance_throw_naming_the_comparison()
    {
        var e = Assert.Throws<CheckFailedException>(() => Check.Close("loss by hand vs Loss", 7.25, 7.2, 1e-4));

        Assert.Contains("loss by hand vs Loss", e.Message, StringComparison.Ordinal);
        Assert.Contains("by hand 7.25, library 7.2, |gap| 0.05 is above the tolerance 1e-4", e.Message, StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void Nan_never_passes()
    {
        Assert.Throws<CheckFailedException>(() => Check.Close("x", double.NaN, double.NaN, 1));
        Assert.Throws<CheckFailedException>(() => Check.Close("xs", [1.0, double.NaN], [1.0, 2.0], 10));
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<CheckFailedException>(() =>
            Check.Close("t", torch.tensor(new[] { 1f, float.NaN }), torch.tensor(new[] { 1f, 1f }), 10));
        Assert.Contains("(a value is NaN)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_agreement_is_tolerance_zero()
    {
        Check.Close("exact", 3, 3, 0);
        Assert.Throws<CheckFailedException>(() => Check.Close("exact", 3, 3 + 1e-12, 0));
    }

    [Fact]
    public void Tensors_compare_by_their_largest_gap()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 1f, 2f, 3f, 4f }).reshape(2, 2);
        var b = torch.tensor(new[] { 1f, 2.5f, 3f, 4f }).reshape(2, 2);

        Assert.Equal(0.5, Check.Close("near", a, b, 0.5));
        Assert.Contains("near: max |by hand - library| = 0.5 over 4 values [2, 2] <= 0.5 ok", output.ToString(), StringComparison.Ordinal);
        var e = Assert.Throws<CheckFailedException>(() => Check.Close("far", a, b, 0.4));
        Assert.Contains("far: max |by hand - library| = 0.5 over 4 values [2, 2] is above the tolerance 0.4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensors_of_other_shapes_fail_even_when_they_broadcast()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<CheckFailedException>(() =>
            Check.Close("shape", torch.zeros(2, 3), torch.zeros(3), 1));
        Assert.Contains("the shapes differ, by hand [2, 3], library [3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_compare_element_by_element()
    {
        Assert.Equal(0.25, Check.Close("list", [1.0, 2.0], [1.25, 2.0], 0.3));
        Assert.Throws<CheckFailedException>(() => Check.Close("list", [1.0, 2.0], [1.0], 1));
        Assert.Throws<CheckFailedException>(() => Check.Close("list", [1.0, 2.0], [1.0, 2.5], 0.3));
    }

    [Fact]
    public void Equal_and_True_assert_and_print()
    {
        Check.Equal("ranks", "1 2 3", "1 2 3");
        Check.True("the gap is clearly non-zero", true, "gap 0.3");
        Assert.Equal(
            "ranks: 1 2 3 both ways ok" + Environment.NewLine + "the gap is clearly non-zero (gap 0.3) ok" + Environment.NewLine,
            output.ToString());

        var unequal = Assert.Throws<CheckFailedException>(() => Check.Equal("count", 3, 4));
        Assert.Equal("Check failed: count: by hand 3, library 4: they differ.", unequal.Message);
        var untrue = Assert.Throws<CheckFailedException>(() => Check.True("loss near ln N", false, "loss 9.1, ln N 7.2"));
        Assert.Equal("Check failed: loss near ln N (loss 9.1, ln N 7.2): this no longer holds.", untrue.Message);
    }

    [Fact]
    public void A_negative_or_nan_tolerance_is_a_mistake_of_the_caller()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Check.Close("x", 1, 1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Check.Close("x", 1, 1, double.NaN));
    }
}
