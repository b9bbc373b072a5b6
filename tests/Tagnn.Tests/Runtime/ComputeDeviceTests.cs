using Tagnn.Runtime;
using TorchSharp;

namespace Tagnn.Tests.Runtime;

/// <summary>Device selection on this project's machines: the CPU build of TorchSharp, so CPU with the reason.</summary>
public sealed class ComputeDeviceTests
{
    [Fact]
    public void Cpu_request_uses_the_cpu()
    {
        var device = ComputeDevice.Select(" CPU ");
        Assert.Equal(DeviceKind.Cpu, device.Kind);
        Assert.Equal(DeviceType.CPU, device.Device.type);
        Assert.Equal("CPU: requested", device.Reason);
        Assert.Equal("cpu", device.Requested);
    }

    [Fact]
    public void Auto_falls_back_to_the_cpu_and_says_the_build_has_no_cuda_and_how_to_get_it()
    {
        var device = ComputeDevice.Select("auto");
        Assert.Equal(DeviceKind.Cpu, device.Kind);
        Assert.StartsWith("CPU: ", device.Reason, StringComparison.Ordinal);
        Assert.Contains("this TorchSharp build has no CUDA support", device.Reason, StringComparison.Ordinal);
        Assert.Contains(ComputeDevice.CudaBuildCommand, device.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_request_without_cuda_fails_with_the_reason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ComputeDevice.Select("cuda"));
        Assert.StartsWith("CUDA was requested but cannot be used.", e.Message, StringComparison.Ordinal);
        Assert.Contains("no CUDA support", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_request_is_rejected_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => ComputeDevice.Select("tpu"));
        Assert.Contains("'tpu'", e.Message, StringComparison.Ordinal);
        Assert.Contains("auto, cpu or cuda", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_variable_is_the_default_request()
    {
        var before = Environment.GetEnvironmentVariable(ComputeDevice.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ComputeDevice.EnvironmentVariable, "cpu");
            Assert.Equal("cpu", ComputeDevice.Select().Requested);
            Environment.SetEnvironmentVariable(ComputeDevice.EnvironmentVariable, null);
            Assert.Equal("auto", ComputeDevice.Select().Requested);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ComputeDevice.EnvironmentVariable, before);
        }
    }
}
