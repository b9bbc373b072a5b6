using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Tagnn.Notebooks.Protocol;

namespace Tagnn.Notebooks.Host.Execution;

/// <summary>The result of one cell.</summary>
/// <param name="Cell">1-based position among all cells.</param>
/// <param name="CodeCell">1-based position among the code cells.</param>
/// <param name="FirstLine">The cell's first non-blank line.</param>
/// <param name="Status"><see cref="RunnerEvent.Ok"/>, <see cref="RunnerEvent.Failed"/> or <see cref="RunnerEvent.TimedOut"/>.</param>
/// <param name="Seconds">Wall-clock duration.</param>
/// <param name="Error">The error, for a failed or timed-out cell.</param>
internal sealed record CellResult(int Cell, int CodeCell, string FirstLine, string Status, double Seconds, string? Error);

/// <summary>An executed notebook.</summary>
/// <param name="Source">The notebook file.</param>
/// <param name="Executed">The notebook with its outputs (cells after a failure are kept, unexecuted).</param>
/// <param name="Cells">One result per executed code cell.</param>
/// <param name="CodeCells">Number of code cells.</param>
/// <param name="Status">Overall status.</param>
/// <param name="Seconds">Wall-clock duration of the run.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Smoke">Whether smoke mode was on.</param>
internal sealed record NotebookRun(
    FileInfo Source,
    InteractiveDocument Executed,
    IReadOnlyList<CellResult> Cells,
    int CodeCells,
    string Status,
    double Seconds,
    DateTimeOffset StartedAt,
    bool Smoke)
{
    /// <summary>The failed or timed-out cell, if any.</summary>
    public CellResult? Failure => Cells.FirstOrDefault(c => c.Status != RunnerEvent.Ok);
}

/// <summary>
/// Runs a notebook's cells in order in a fresh kernel, with the notebook's folder as the current directory (as VS Code
/// does, so relative <c>#r</c> and file paths resolve the same way), stopping at the first failed cell.
/// One notebook per process: notebooks must not share kernel state, assemblies or the current directory.
/// </summary>
internal static class NotebookExecutor
{
    /// <summary>Environment variable for smoke mode (read by the notebooks through Tagnn.Course.Course.Smoke).</summary>
    public const string SmokeVariable = "TAGNN_SMOKE";

    private static int used;

    /// <summary>Runs <paramref name="notebook"/>; <paramref name="report"/> receives a start event and one event per code cell.</summary>
    /// <exception cref="InvalidOperationException">Called twice in one process.</exception>
    public static async Task<NotebookRun> RunAsync(FileInfo notebook, TimeSpan cellTimeout, Action<RunnerEvent> report, Action<string> log)
    {
        if (Interlocked.Exchange(ref used, 1) == 1)
            throw new InvalidOperationException("A process runs one notebook: kernels, loaded assemblies and the current directory are per process.");

        var document = await NotebookFiles.ReadAsync(notebook);
        var elements = document.Elements.ToList();
        var codeCells = elements.Count(IsCode);
        var smoke = IsTrue(Environment.GetEnvironmentVariable(SmokeVariable));
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        report(new RunnerEvent(RunnerEvent.Start, notebook.Name, CodeCells: codeCells));

        Directory.SetCurrentDirectory(notebook.DirectoryName!);
        using var kernel = KernelFactory.Create(log);

        var results = new List<CellResult>();
        var executed = new List<InteractiveDocumentElement>();
        var stopped = false;
        var codeIndex = 0;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            if (!IsCode(element) || stopped)
            {
                executed.Add(Copy(element, [], executionOrder: 0));
                continue;
            }

            codeIndex++;
            var firstLine = FirstLine(element.Contents);
            var collector = new OutputCollector(codeIndex);
            var watch = Stopwatch.StartNew();
            string status;
            string? error = null;

            if (!IsCSharp(element.KernelName))
            {
                status = RunnerEvent.Failed;
                error = $"This cell uses the '{element.KernelName}' kernel; the course runs C# cells only (set the cell's kernel to C#).";
                collector.AddError("UnsupportedKernel", error);
            }
            else
            {
                var command = new SubmitCode(element.Contents, KernelFactory.CSharp);
                using var subscription = kernel.KernelEvents.Subscribe(collector.OnEvent);
                var send = kernel.SendAsync(command);
                if (await Task.WhenAny(send, Task.Delay(cellTimeout)) != send)
                {
                    status = RunnerEvent.TimedOut;
                    error = $"The cell did not finish within {cellTimeout.TotalSeconds:0} s (per-cell timeout).";
                    collector.AddError("Timeout", error);
                }
                else
                {
                    await send;
                    status = collector.Failure is null ? RunnerEvent.Ok : RunnerEvent.Failed;
                    error = collector.Failure is { } f ? ErrorText(f) : null;
                }
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var result = new CellResult(i + 1, codeIndex, firstLine, status, seconds, error);
            results.Add(result);
            executed.Add(Copy(element, collector.ToElements(), codeIndex, result));
            report(new RunnerEvent(RunnerEvent.CellDone, notebook.Name, i + 1, codeIndex, codeCells, firstLine, status,
                Math.Round(seconds, 3), error));
            stopped = status != RunnerEvent.Ok;
        }

        var overall = results.FirstOrDefault(r => r.Status != RunnerEvent.Ok)?.Status ?? RunnerEvent.Ok;
        var output = new InteractiveDocument(executed);
        foreach (var (key, value) in document.Metadata) output.Metadata[key] = value;
        var run = new NotebookRun(notebook, output, results, codeCells, overall, total.Elapsed.TotalSeconds, started, smoke);
        output.Metadata["tagnn"] = RunMetadata(run);
        return run;
    }

    /// <summary>The first non-blank line of a cell, trimmed and shortened for messages.</summary>
    public static string FirstLine(string contents)
    {
        var line = contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty cell)";
        return line.Length <= 100 ? line : line[..97] + "...";
    }

    /// <summary>The error of a failed command as a user reads it: the exception (type and message) or the compiler's message.</summary>
    public static string ErrorText(Microsoft.DotNet.Interactive.Events.CommandFailed failed) =>
        failed.Exception is { } ex && !IsCompilationError(ex) ? $"{ex.GetType().FullName}: {ex.Message}"
        : failed.Exception?.Message ?? failed.Message;

    /// <summary>Compiler errors arrive wrapped in an exception whose type adds nothing for the reader.</summary>
    public static bool IsCompilationError(Exception e) => e.GetType().Name == "CodeSubmissionCompilationErrorException";

    internal static bool IsTrue(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private static bool IsCode(InteractiveDocumentElement e) => !string.Equals(e.KernelName, "markdown", StringComparison.OrdinalIgnoreCase);

    private static bool IsCSharp(string? kernelName) =>
        kernelName is null or "" || kernelName.Equals(KernelFactory.CSharp, StringComparison.OrdinalIgnoreCase)
        || kernelName is "c#" or "C#";

    private static InteractiveDocumentElement Copy(InteractiveDocumentElement source, IEnumerable<InteractiveDocumentOutputElement> outputs,
        int executionOrder, CellResult? result = null)
    {
        var copy = new InteractiveDocumentElement(source.Contents, source.KernelName, outputs)
        {
            Id = source.Id,
            ExecutionOrder = executionOrder,
            Metadata = source.Metadata is null ? new Dictionary<string, object>() : new Dictionary<string, object>(source.Metadata),
        };
        if (result is not null)
        {
            copy.Metadata["tagnn"] = new Dictionary<string, object>
            {
                ["status"] = result.Status,
                ["seconds"] = Math.Round(result.Seconds, 3),
            };
        }
        return copy;
    }

    private static Dictionary<string, object> RunMetadata(NotebookRun run)
    {
        var meta = new Dictionary<string, object>
        {
            ["status"] = run.Status,
            ["seconds"] = Math.Round(run.Seconds, 3),
            ["codeCells"] = run.CodeCells,
            ["executedCells"] = run.Cells.Count,
            ["smoke"] = run.Smoke,
            ["startedAt"] = run.StartedAt.ToString("O"),
            ["runner"] = "Tagnn.Notebooks.Host",
        };
        if (run.Failure is { } f)
        {
            meta["failedCell"] = f.Cell;
            meta["failedFirstLine"] = f.FirstLine;
            meta["error"] = f.Error ?? "";
        }
        return meta;
    }
}
