using System.Diagnostics;
using System.Text.Json.Nodes;
using Tagnn.Cli.Notebooks;

namespace Tagnn.Tests.Notebooks;

/// <summary>
/// The real-kernel path: every course notebook runs in smoke mode in dotnet-repl (the pinned local tool), whose kernel
/// is the one VS Code and Jupyter start: .NET Interactive's own host, its FSharp.Core 10.0, no deps.json for
/// TorchSharp. This proves the notebooks work outside our runner: the first cell's #load, TorchSharp's native
/// libraries, Plotly.NET 6 (compiled against FSharp.Core 10.1) thanks to Course.Setup's assembly-resolve shim, and
/// every cell of every notebook. dotnet-repl exits with code 2 when a cell fails. New notebooks (notebooks/NN-*.ipynb)
/// are picked up automatically.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class DotnetReplTests
{
    /// <summary>One case per notebooks/NN-*.ipynb.</summary>
    public static TheoryData<string> Notebooks() => CourseRepository.Notebooks();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_in_smoke_mode_in_the_dotnet_interactive_kernel_through_dotnet_repl(string notebook)
    {
        using var dir = CourseRepository.NewTempFolder();
        var output = Path.Combine(dir.Path, notebook);
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            // dotnet-repl resolves relative #r and #load paths against its current directory: start it in notebooks/.
            WorkingDirectory = CourseRepository.Layout.NotebooksDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "tool", "run", "dotnet-repl", "--run", notebook, "--exit-after-run", "--output-path", output })
            info.ArgumentList.Add(arg);
        info.Environment["TAGNN_SMOKE"] = "1";
        // The fixture built the library; the first cell must find it up to date and never build in a test.
        info.Environment["TAGNN_NO_BUILD"] = "1";

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet-repl did not finish {notebook} in 15 minutes (smoke mode).");
        }
        var log = $"exit {process.ExitCode}\n{Tail(await stdout)}\n{Tail(await stderr)}";
        Assert.True(process.ExitCode == 0, $"dotnet-repl failed on {notebook}: {log}");

        var cells = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code").ToList();
        var outputs = cells.SelectMany(c => c!["outputs"]!.AsArray()).Select(o => o!.ToJsonString()).ToList();
        Assert.DoesNotContain(outputs, o => o.Contains("\"output_type\":\"error\"", StringComparison.Ordinal));
        // The banner names this kernel, in smoke mode, and reports no stale library.
        Assert.Contains(outputs, o => o.Contains("kernel      dotnet-repl", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("mode        smoke", StringComparison.Ordinal));
        Assert.DoesNotContain(outputs, o => o.Contains("  WARNING     ", StringComparison.Ordinal));
        if (notebook == "00-setup.ipynb")
        {
            // The chart cell produced Plotly's HTML (FSharp.Core shim at work); tensors use the course's formatter.
            Assert.Contains(outputs, o => o.Contains("Plotly.newPlot", StringComparison.Ordinal));
            Assert.Contains(outputs, o => o.Contains("Tensor (2, 2) float32 on cpu", StringComparison.Ordinal));
        }
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(40));
}
