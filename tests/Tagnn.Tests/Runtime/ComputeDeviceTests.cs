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
        Assert.Equal("CPU: " + CudaEnvironment.Detect(TorchRuntime.Info).Summary(), device.Reason);
        Assert.StartsWith("CPU: this TorchSharp build has no CUDA support", device.Reason, StringComparison.Ordinal);
        Assert.Contains(ComputeDevice.CudaBuildCommand, device.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_request_without_cuda_fails_naming_what_this_machine_lacks()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ComputeDevice.Select("cuda"));
        var machine = CudaEnvironment.Detect(TorchRuntime.Info);
        Assert.Equal("CUDA was requested but cannot be used. " + machine.Explain(), e.Message);
        // This build references the CPU package, so the CUDA build is always named, with the package and the command.
        Assert.False(machine.BuildHasCuda);
        Assert.Contains("Missing: the CUDA build of TorchSharp (this TorchSharp build has no CUDA support: it uses the CPU package libtorch-cpu-",
            e.Message, StringComparison.Ordinal);
        Assert.Contains(ComputeDevice.CudaBuildCommand, e.Message, StringComparison.Ordinal);
        // The driver and the GPU are named exactly when this machine lacks them (checked here from the files themselves).
        var driver = File.Exists("/proc/driver/nvidia/version");
        Assert.Equal(!driver && !machine.HasCudaDriverLibrary, e.Message.Contains("the NVIDIA driver (no /proc/driver/nvidia/version", StringComparison.Ordinal));
        var gpus = Directory.Exists("/sys/bus/pci/devices")
            ? Directory.GetDirectories("/sys/bus/pci/devices").Count(d => File.ReadAllText(Path.Combine(d, "vendor")).Trim() == "0x10de" &&
                File.ReadAllText(Path.Combine(d, "class")).Trim().StartsWith("0x03", StringComparison.Ordinal))
            : -1;
        Assert.Equal(gpus == 0 && !File.Exists("/dev/nvidia0"), e.Message.Contains("an NVIDIA GPU (none on the PCI bus)", StringComparison.Ordinal));
    }

    // Situation -> (what is detected, the full explanation, the banner's summary).
    private static readonly Dictionary<string, (CudaEnvironment Environment, string Explanation, string Summary)> Environments = new()
    {
        ["CPU-only machine, CPU build"] = (
            new(BuildHasCuda: false, Package, DriverVersion: null, HasCudaDriverLibrary: false, PciGpus: 0, HasDeviceNode: false),
            "Missing: the CUDA build of TorchSharp (this TorchSharp build has no CUDA support: it uses the CPU package " +
            "libtorch-cpu-linux-x64 2.10.0; on the NVIDIA host rebuild with `dotnet build -c Release -p:TorchBackend=cuda`, " +
            "see docs/GPU.md); the NVIDIA driver (no /proc/driver/nvidia/version, no libcuda.so.1: install the driver; " +
            "`nvidia-smi` must list the GPU); an NVIDIA GPU (none on the PCI bus).",
            "this TorchSharp build has no CUDA support (it uses the CPU package; on an NVIDIA host rebuild with " +
            "`dotnet build -c Release -p:TorchBackend=cuda`); also missing: the NVIDIA driver and an NVIDIA GPU; see docs/GPU.md"),
        ["GPU host, CPU build"] = (
            new(false, Package, "550.54.14", true, 1, true),
            "Missing: the CUDA build of TorchSharp (this TorchSharp build has no CUDA support: it uses the CPU package " +
            "libtorch-cpu-linux-x64 2.10.0; on the NVIDIA host rebuild with `dotnet build -c Release -p:TorchBackend=cuda`, " +
            "see docs/GPU.md). Present: the NVIDIA driver 550.54.14, 1 NVIDIA GPU(s) on the PCI bus.",
            "this TorchSharp build has no CUDA support (it uses the CPU package; on an NVIDIA host rebuild with " +
            "`dotnet build -c Release -p:TorchBackend=cuda`); see docs/GPU.md"),
        ["CUDA build, GPU without a driver"] = (
            new(true, Package, null, false, 2, false),
            "Missing: the NVIDIA driver (no /proc/driver/nvidia/version, no libcuda.so.1: install the driver; `nvidia-smi` " +
            "must list the GPU). Present: the CUDA build of TorchSharp, 2 NVIDIA GPU(s) on the PCI bus.",
            "no NVIDIA driver (no /proc/driver/nvidia/version, no libcuda.so.1); see docs/GPU.md"),
        ["CUDA build in a container started without --gpus"] = (
            new(true, Package, "550.54.14", false, 1, false),
            "Missing: the driver's CUDA library libcuda.so.1 (the kernel driver 550.54.14 is loaded; in a container, start it " +
            "with `--gpus all` on a host with the NVIDIA Container Toolkit); access to the GPU (1 on the PCI bus, but no " +
            "/dev/nvidia0: in a container, start it with `--gpus all`). Present: the CUDA build of TorchSharp, the NVIDIA " +
            "driver 550.54.14, 1 NVIDIA GPU(s) on the PCI bus.",
            "the driver's libcuda.so.1 is not visible (in a container, start it with `--gpus all`); also missing: access to " +
            "the GPU; see docs/GPU.md"),
        ["CUDA build and a driver, no GPU"] = (
            new(true, Package, "550.54.14", true, 0, false),
            "Missing: an NVIDIA GPU (none on the PCI bus). Present: the CUDA build of TorchSharp, the NVIDIA driver 550.54.14.",
            "no NVIDIA GPU detected (none on the PCI bus); see docs/GPU.md"),
        ["everything there, torch still says no"] = (
            new(true, Package, "470.82.01", true, 1, true),
            "TorchSharp reports no usable CUDA device although the CUDA build of TorchSharp, the NVIDIA driver 470.82.01 and " +
            "1 NVIDIA GPU(s) on the PCI bus are present: the driver may be older than the CUDA version libtorch was built " +
            "with (`nvidia-smi` shows the newest CUDA version the driver supports; see docs/GPU.md).",
            "TorchSharp reports no usable CUDA device (is the driver older than libtorch's CUDA?); see docs/GPU.md"),
    };

    public static TheoryData<string> Situations() => [.. Environments.Keys];

    [Theory]
    [MemberData(nameof(Situations))]
    public void What_is_missing_for_cuda_is_named_with_its_fix(string situation)
    {
        var (environment, explanation, summary) = Environments[situation];
        Assert.Equal(explanation, environment.Explain());
        Assert.Equal(summary, environment.Summary());
    }

    private const string Package = "libtorch-cpu-linux-x64 2.10.0";

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
