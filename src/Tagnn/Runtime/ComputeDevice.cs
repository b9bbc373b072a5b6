using TorchSharp;

namespace Tagnn.Runtime;

/// <summary>
/// The device tensors live on, chosen from a request (<c>auto</c>, <c>cpu</c> or <c>cuda</c>), with a sentence saying
/// why: a student opening the course on a laptop and a researcher on a GPU host both see what was picked and, when the
/// GPU is not used, what to change.
/// </summary>
/// <param name="Device">The TorchSharp device (<c>cpu</c> or <c>cuda:0</c>).</param>
/// <param name="Kind"><see cref="DeviceKind.Cpu"/> or <see cref="DeviceKind.Cuda"/>.</param>
/// <param name="Reason">Why this device, e.g. "CPU: no CUDA: missing the CUDA build of TorchSharp, ... (...); see
/// docs/GPU.md".</param>
/// <param name="Requested">The request as given (<c>auto</c>, <c>cpu</c> or <c>cuda</c>).</param>
public sealed record ComputeDevice(torch.Device Device, DeviceKind Kind, string Reason, string Requested)
{
    /// <summary>The environment variable that overrides the default request (<c>auto</c>) for every entry point.</summary>
    public const string EnvironmentVariable = "TAGNN_DEVICE";

    /// <summary>The build switch that references the CUDA build of TorchSharp (see build/TorchBackend.props).</summary>
    public const string CudaBuildCommand = "dotnet build -c Release -p:TorchBackend=cuda";

    /// <summary>
    /// Picks a device. <c>auto</c> uses CUDA when TorchSharp reports it available, otherwise the CPU with the reason;
    /// <c>cpu</c> always uses the CPU; <c>cuda</c> uses the GPU or throws with the reason it cannot.
    /// </summary>
    /// <param name="request"><c>auto</c>, <c>cpu</c> or <c>cuda</c> (case-insensitive); <see langword="null"/> reads
    /// <see cref="EnvironmentVariable"/> and falls back to <c>auto</c>.</param>
    /// <exception cref="ArgumentException">The request is not one of the three words.</exception>
    /// <exception cref="InvalidOperationException"><c>cuda</c> was requested and CUDA is not available; the message names
    /// each missing piece (the CUDA build of TorchSharp, the NVIDIA driver, a GPU), what shows it is missing and how to
    /// get it (<see cref="CudaEnvironment.Explain"/>).</exception>
    public static ComputeDevice Select(string? request = null)
    {
        request ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        var normalized = string.IsNullOrWhiteSpace(request) ? "auto" : request.Trim().ToLowerInvariant();
        if (normalized is not ("auto" or "cpu" or "cuda"))
        {
            throw new ArgumentException(
                $"Unknown device '{request}': use auto, cpu or cuda (also through the {EnvironmentVariable} environment variable).",
                nameof(request));
        }

        var runtime = TorchRuntime.EnsureLoaded();
        if (normalized == "cpu")
            return new(torch.CPU, DeviceKind.Cpu, "CPU: requested", normalized);

        var probe = CudaProbe.Run(runtime);
        if (probe.Available)
        {
            var reason = $"CUDA: {probe.DeviceCount} NVIDIA GPU(s) visible to TorchSharp, using cuda:0";
            return new(torch.CUDA, DeviceKind.Cuda, reason, normalized);
        }

        if (normalized == "cuda")
            throw new InvalidOperationException($"CUDA was requested but cannot be used. {probe.WhyNot}");
        return new(torch.CPU, DeviceKind.Cpu, "CPU: " + probe.Summary, normalized);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Device.type.ToString().ToLowerInvariant()} ({Reason})";

    /// <summary>What TorchSharp and the machine say about CUDA: available, or why not (a banner line and the full
    /// explanation for a failed <c>cuda</c> request).</summary>
    private sealed record CudaProbe(bool Available, int DeviceCount, string Summary, string WhyNot)
    {
        public static CudaProbe Run(TorchRuntimeInfo runtime)
        {
            var environment = CudaEnvironment.Detect(runtime);
            if (!environment.BuildHasCuda) return new(false, 0, environment.Summary(), environment.Explain());
            bool available;
            try
            {
                available = torch.cuda.is_available();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var failed = $"the CUDA build of TorchSharp failed to initialise CUDA: {e.Message}";
                return new(false, 0, failed, $"{failed}. {environment.Explain()}");
            }
            return available
                ? new(true, torch.cuda.device_count(), "", "")
                : new(false, 0, environment.Summary(), environment.Explain());
        }
    }
}
