using static TorchSharp.torch;

namespace Tagnn.Tests.Support;

internal static class TensorAssert
{
    public static void Equal(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var e = expected.cpu().to(ScalarType.Float64);
        using var a = actual.cpu().to(ScalarType.Float64);
        var diff = (e - a).abs().max().item<double>();
        Assert.True(diff == 0, $"{what}: tensors differ (max abs diff {diff})");
    }

    public static double MaxAbsDiff(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var scope = NewDisposeScope();
        return (expected.cpu().to(ScalarType.Float64) - actual.detach().cpu().to(ScalarType.Float64)).abs().max().item<double>();
    }

    public static void Close(Tensor expected, Tensor actual, double absTolerance, string what)
    {
        var diff = MaxAbsDiff(expected, actual);
        Assert.True(diff <= absTolerance, $"{what}: max abs diff {diff:G3} > {absTolerance:G3}");
    }

    /// <summary>Max abs diff relative to the expected tensor's max magnitude.</summary>
    public static void RelativeClose(Tensor expected, Tensor actual, double relTolerance, string what)
    {
        var diff = MaxAbsDiff(expected, actual);
        using var scope = NewDisposeScope();
        var scale = Math.Max(expected.abs().max().item<float>(), 1e-12);
        Assert.True(diff <= relTolerance * scale, $"{what}: max abs diff {diff:G3} > {relTolerance:G3} x {scale:G3}");
    }
}
