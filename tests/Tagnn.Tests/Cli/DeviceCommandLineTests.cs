using System.Text.RegularExpressions;
using Tagnn.Runtime;
using Tagnn.Tests.Support;

namespace Tagnn.Tests.Cli;

/// <summary>
/// The real executable on this CPU-only machine: <c>--device cuda</c> fails before any work with one error line naming
/// what is missing (the CUDA build of TorchSharp, the driver, a GPU), and the automatic choice says why it is the CPU.
/// </summary>
public sealed class DeviceCommandLineTests
{
    private static readonly string Cli = Path.Combine(
        Path.GetDirectoryName(typeof(Tagnn.Cli.TagnnApp).Assembly.Location)!, "Tagnn.Cli.dll");

    [Fact]
    public void Device_cuda_without_cuda_exits_1_naming_what_is_missing()
    {
        var (exit, output) = Repo.Run("dotnet", [Cli, "train", "--device", "cuda", "--epochs", "1"]);
        var text = Regex.Replace(output, @"\s+", " ").Trim();              // the console wraps long lines
        Assert.Equal(1, exit);
        var expected = "error: CUDA was requested but cannot be used. " + CudaEnvironment.Detect(TorchRuntime.Info).Explain();
        Assert.Equal(expected, text);
        Assert.Contains("Missing: the CUDA build of TorchSharp (this TorchSharp build has no CUDA support: it uses the CPU package " +
            "libtorch-cpu-", text, StringComparison.Ordinal);
        Assert.Contains("rebuild with `dotnet build -c Release -p:TorchBackend=cuda`", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output);                                // no stack trace
    }

    [Fact]
    public void Info_says_why_auto_picks_the_cpu()
    {
        var (exit, output) = Repo.Run("dotnet", [Cli, "info"]);
        Assert.Equal(0, exit);
        var text = Regex.Replace(output, @"[\s│]+", " ");                      // table borders and wrapping
        Assert.Contains("CPU: this TorchSharp build has no CUDA support (it uses the CPU package; on an NVIDIA host rebuild with " +
            "`dotnet build -c Release -p:TorchBackend=cuda`)", text, StringComparison.Ordinal);
        Assert.Contains("see docs/GPU.md", text, StringComparison.Ordinal);
    }
}
