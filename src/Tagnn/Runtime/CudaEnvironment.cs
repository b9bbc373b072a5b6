using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Tagnn.Runtime;

/// <summary>
/// What this build and machine have of the three things a GPU run needs: the CUDA build of TorchSharp, the NVIDIA
/// driver, and an NVIDIA GPU visible to the process. Each is detected on its own, so a failure says exactly which
/// ones are missing and how to get each (<see cref="Explain"/>).
/// </summary>
/// <param name="BuildHasCuda">Whether the build references the CUDA build of TorchSharp (<c>-p:TorchBackend=cuda</c>)
/// or its libtorch has the CUDA library.</param>
/// <param name="CpuPackage">The CPU libtorch package the build uses instead (e.g. <c>libtorch-cpu-linux-x64 2.10.0</c>).</param>
/// <param name="DriverVersion">The NVIDIA kernel driver's version (<c>/proc/driver/nvidia/version</c>), "loaded" when
/// present without a readable version, or null.</param>
/// <param name="HasCudaDriverLibrary">Whether the driver's CUDA library (<c>libcuda.so.1</c>, <c>nvcuda.dll</c>) loads.</param>
/// <param name="PciGpus">NVIDIA display or 3D controllers on the PCI bus (<c>/sys/bus/pci/devices</c>), or -1 where
/// the bus cannot be read (not Linux): then only <paramref name="HasDeviceNode"/> tells.</param>
/// <param name="HasDeviceNode">Whether <c>/dev/nvidia0</c> exists (the GPU is passed to this process; a container
/// without <c>--gpus all</c> lacks it).</param>
internal sealed record CudaEnvironment(bool BuildHasCuda, string CpuPackage, string? DriverVersion, bool HasCudaDriverLibrary,
    int PciGpus, bool HasDeviceNode)
{
    /// <summary>The NVIDIA PCI vendor id.</summary>
    private const string NvidiaVendor = "0x10de";

    /// <summary>Whether the driver is there (the kernel module or its CUDA library).</summary>
    public bool HasDriver => DriverVersion is not null || HasCudaDriverLibrary;

    /// <summary>Detects the three on this machine, for the loaded runtime.</summary>
    public static CudaEnvironment Detect(TorchRuntimeInfo runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var backend = Metadata("Tagnn.TorchBackend") ?? "cpu";
        var cudaLibrary = File.Exists(Path.Combine(runtime.LibTorchDirectory, "libtorch_cuda.so")) ||
            File.Exists(Path.Combine(runtime.LibTorchDirectory, "torch_cuda.dll"));
        var cpuPackage = $"libtorch-cpu-{TorchRuntime.RuntimeId()} {runtime.LibTorchVersion}";
        return new(backend == "cuda" || cudaLibrary, cpuPackage, KernelDriverVersion(), CudaDriverLoads(), CountPciGpus(),
            File.Exists("/dev/nvidia0"));
    }

    /// <summary>
    /// One line for a banner: the first missing piece as the banner has always said it (e.g. "this TorchSharp build has
    /// no CUDA support (...)", "no NVIDIA GPU detected (...)"), then the other missing pieces by name.
    /// </summary>
    public string Summary()
    {
        var missing = Missing();
        if (missing.Count == 0) return "TorchSharp reports no usable CUDA device (is the driver older than libtorch's CUDA?); see docs/GPU.md";
        var also = missing.Count > 1 ? $"; also missing: {JoinAnd(missing.Skip(1).Select(m => m.What))}" : "";
        return $"{missing[0].Headline}{also}; see docs/GPU.md";
    }

    /// <summary>
    /// Why CUDA cannot be used, in full: "Missing: ..." with each missing piece, what shows it is missing and how to get
    /// it, then what is present. When nothing is missing (torch still reports no CUDA device), the likely mismatch.
    /// </summary>
    public string Explain()
    {
        var missing = Missing();
        var present = new List<string>();
        if (BuildHasCuda) present.Add("the CUDA build of TorchSharp");
        if (HasDriver) present.Add($"the NVIDIA driver{(DriverVersion is { } v && v != "loaded" ? " " + v : "")}");
        if (PciGpus > 0) present.Add($"{PciGpus} NVIDIA GPU(s) on the PCI bus");
        else if (HasDeviceNode) present.Add("an NVIDIA GPU (/dev/nvidia0)");
        if (missing.Count > 0)
        {
            return $"Missing: {string.Join("; ", missing.Select(m => $"{m.What} ({m.Detail})"))}." +
                (present.Count > 0 ? $" Present: {string.Join(", ", present)}." : "");
        }
        return $"TorchSharp reports no usable CUDA device although {JoinAnd(present)} are present: the driver may be older " +
            "than the CUDA version libtorch was built with (`nvidia-smi` shows the newest CUDA version the driver supports; " +
            "see docs/GPU.md).";
    }

    // What is missing, in the order a user fixes it: a name, the evidence with the fix, and the banner's phrase.
    private List<(string What, string Detail, string Headline)> Missing()
    {
        var missing = new List<(string, string, string)>();
        if (!BuildHasCuda)
        {
            missing.Add(("the CUDA build of TorchSharp",
                $"this TorchSharp build has no CUDA support: it uses the CPU package {CpuPackage}; on the NVIDIA host " +
                $"rebuild with `{ComputeDevice.CudaBuildCommand}`, see docs/GPU.md",
                $"this TorchSharp build has no CUDA support (it uses the CPU package; on an NVIDIA host rebuild with `{ComputeDevice.CudaBuildCommand}`)"));
        }
        if (!HasDriver)
        {
            missing.Add(("the NVIDIA driver",
                "no /proc/driver/nvidia/version, no libcuda.so.1: install the driver; `nvidia-smi` must list the GPU",
                "no NVIDIA driver (no /proc/driver/nvidia/version, no libcuda.so.1)"));
        }
        else if (!HasCudaDriverLibrary)
        {
            missing.Add(("the driver's CUDA library libcuda.so.1",
                $"the kernel driver {DriverVersion} is loaded; in a container, start it with `--gpus all` on a host with the NVIDIA Container Toolkit",
                "the driver's libcuda.so.1 is not visible (in a container, start it with `--gpus all`)"));
        }
        if (PciGpus == 0 && !HasDeviceNode)
        {
            missing.Add(("an NVIDIA GPU", "none on the PCI bus", "no NVIDIA GPU detected (none on the PCI bus)"));
        }
        else if (PciGpus > 0 && !HasDeviceNode && HasDriver)
        {
            missing.Add(("access to the GPU", $"{PciGpus} on the PCI bus, but no /dev/nvidia0: in a container, start it with `--gpus all`",
                "no NVIDIA GPU detected (no /dev/nvidia0; in a container, start it with `--gpus all`)"));
        }
        return missing;
    }

    private static string JoinAnd(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list.Take(list.Count - 1))} and {list[^1]}";
    }

    private static string? KernelDriverVersion()
    {
        const string path = "/proc/driver/nvidia/version";
        if (!File.Exists(path)) return null;
        try
        {
            var match = Regex.Match(File.ReadAllText(path), @"Kernel Module\s+(?:for\s+\S+\s+)?([0-9][0-9.]*)");
            return match.Success ? match.Groups[1].Value : "loaded";
        }
        catch (IOException)
        {
            return "loaded";
        }
        catch (UnauthorizedAccessException)
        {
            return "loaded";
        }
    }

    private static bool CudaDriverLoads()
    {
        var name = OperatingSystem.IsWindows() ? "nvcuda.dll" : OperatingSystem.IsLinux() ? "libcuda.so.1" : null;
        if (name is null || !NativeLibrary.TryLoad(name, out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }

    private static int CountPciGpus()
    {
        const string bus = "/sys/bus/pci/devices";
        if (!Directory.Exists(bus)) return -1;
        var count = 0;
        foreach (var device in Directory.EnumerateDirectories(bus))
        {
            try
            {
                var vendor = File.ReadAllText(Path.Combine(device, "vendor")).Trim();
                var deviceClass = File.ReadAllText(Path.Combine(device, "class")).Trim();
                if (vendor == NvidiaVendor && deviceClass.StartsWith("0x03", StringComparison.Ordinal)) count++;
            }
            catch (IOException)
            {
                // a device that went away or cannot be read: not counted
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return count;
    }

    private static string? Metadata(string key) =>
        typeof(CudaEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
