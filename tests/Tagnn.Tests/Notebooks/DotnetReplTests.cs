using System.Diagnostics;
using System.Text.Json.Nodes;
using Tagnn.Cli.Notebooks;

namespace Tagnn.Tests.Notebooks;

/// <summary>
/// The real-kernel path: notebook 00 runs in dotnet-repl (the pinned local tool), whose kernel is the one VS Code
/// starts: .NET Interactive's own host, its FSharp.Core 10.0, no deps.json for TorchSharp. This proves the setup cell
/// works outside our runner: TorchSharp loads, and Plotly.NET 6 (compiled against FSharp.Core 10.1) draws a chart
/// thanks to Course.Setup's assembly-resolve shim. dotnet-repl exits with code 2 when a cell fails.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class DotnetReplTests
{
    [Fact]
    public async Task Notebook_00_runs_in_the_dotnet_interactive_kernel_through_dotnet_repl()
    {
        using var dir = CourseRepository.NewTempFolder();
        var output = Path.Combine(dir.Path, "00-setup.ipynb");
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            // dotnet-repl resolves relative #r paths against its current directory: start it in notebooks/.
            WorkingDirectory = CourseRepository.Layout.NotebooksDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "tool", "run", "dotnet-repl", "--run", "00-setup.ipynb", "--exit-after-run", "--output-path", output })
            info.ArgumentList.Add(arg);
        info.Environment["TAGNN_SMOKE"] = "1";

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var log = $"exit {process.ExitCode}\n{Tail(await stdout)}\n{Tail(await stderr)}";
        Assert.True(process.ExitCode == 0, $"dotnet-repl failed on 00-setup.ipynb: {log}");

        var cells = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray();
        var outputs = cells.Where(c => (string?)c!["cell_type"] == "code")
            .SelectMany(c => c!["outputs"]!.AsArray()).Select(o => o!.ToJsonString()).ToList();
        Assert.DoesNotContain(outputs, o => o.Contains("\"output_type\":\"error\"", StringComparison.Ordinal));
        // The banner names this kernel, and the chart cell produced Plotly's HTML (FSharp.Core shim at work).
        Assert.Contains(outputs, o => o.Contains("kernel      dotnet-repl", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("Plotly.newPlot", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("Tensor (2, 2) float32 on cpu", StringComparison.Ordinal));
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));
}
