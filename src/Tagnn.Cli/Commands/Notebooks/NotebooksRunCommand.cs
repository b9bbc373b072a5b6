using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Cli.Notebooks;
using Tagnn.Cli.Runtime;
using Tagnn.Notebooks.Protocol;

namespace Tagnn.Cli.Commands.Notebooks;

/// <summary>
/// <c>tagnn notebooks run [NAMES...] [--smoke] [--html] [--output DIR]</c>: executes the course notebooks headless, one
/// process each, writes the executed notebooks (and HTML pages with an index), prints a line per cell and a summary.
/// </summary>
/// <param name="console">Where progress and the summary go (the application's console; a test console in tests).</param>
public sealed class NotebooksRunCommand(IAnsiConsole console) : Command<NotebooksRunCommand.Settings>
{
    /// <summary>Options of <c>tagnn notebooks run</c>.</summary>
    public sealed class Settings : CommandSettings, ITensorFreeSettings
    {
        /// <summary>Notebooks to run (number, name or path); none = all.</summary>
        [CommandArgument(0, "[NAMES]")]
        [Description("Notebooks to run: a number (00), a name (00-setup), a file name or a path to an .ipynb. Default: every notebooks/NN-*.ipynb.")]
        public string[] Names { get; init; } = [];

        /// <summary>Smoke mode.</summary>
        [CommandOption("--smoke")]
        [Description("Smoke mode (TAGNN_SMOKE=1): the notebooks shrink data and epochs; the whole course runs in a few minutes.")]
        public bool Smoke { get; init; }

        /// <summary>Write HTML pages.</summary>
        [CommandOption("--html")]
        [Description("Also write an HTML page per notebook and index.html (offline: scripts go to DIR/assets/).")]
        public bool Html { get; init; }

        /// <summary>Output folder.</summary>
        [CommandOption("-o|--output <DIR>")]
        [Description("Output folder for executed notebooks and pages. Default: artifacts/notebooks/ in the repository.")]
        public string? Output { get; init; }

        /// <summary>Per-cell timeout in seconds.</summary>
        [CommandOption("--cell-timeout <SECONDS>")]
        [Description("Fail a cell that runs longer than this (default 1800).")]
        public double? CellTimeoutSeconds { get; init; }

        /// <summary>Skip the Release build check.</summary>
        [CommandOption("--no-build")]
        [Description("Do not build the Release library and notebook host even if they are missing or older than their sources (the notebooks' first cell does not build either: TAGNN_NO_BUILD=1).")]
        public bool NoBuild { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            CellTimeoutSeconds is <= 0 ? ValidationResult.Error("--cell-timeout must be positive") : ValidationResult.Success();
    }

    private readonly List<RunnerEvent> cellEvents = [];

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repo = RepositoryLayout.Find();
        IReadOnlyList<string> notebooks;
        try
        {
            notebooks = repo.Resolve(settings.Names);
        }
        catch (ArgumentException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }
        if (notebooks.Count == 0)
        {
            console.MarkupLineInterpolated($"[red]No notebooks found in {repo.NotebooksDir}.[/]");
            return 2;
        }

        if (!settings.NoBuild)
            ReleaseBuilds.Ensure(repo, line => console.MarkupLineInterpolated($"[grey]{line}[/]"));

        var output = Path.GetFullPath(settings.Output ?? repo.DefaultOutputDir);
        Directory.CreateDirectory(output);
        var options = new NotebookRunOptions(output, settings.Smoke, settings.Html,
            settings.CellTimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : NotebookRunOptions.DefaultCellTimeout,
            settings.NoBuild);
        console.MarkupLineInterpolated(
            $"Running {notebooks.Count} notebook(s) in {(settings.Smoke ? "smoke" : "full")} mode, output: {output}");

        var client = new NotebookHostClient(repo);
        var results = new List<NotebookResult>();
        foreach (var notebook in notebooks)
        {
            try
            {
                results.Add(client.Run(notebook, options, Progress, cancellationToken));
            }
            catch (OperationCanceledException)
            {
                console.MarkupLineInterpolated($"[yellow]Cancelled during {Path.GetFileName(notebook)}.[/]");
                break;
            }
        }

        if (settings.Html)
        {
            var index = client.WriteIndex(output);
            console.MarkupLineInterpolated($"Wrote {index}");
        }

        WriteSummary(results, settings.Smoke);
        return results.All(r => r.Succeeded) && results.Count == notebooks.Count ? 0 : 1;
    }

    /// <summary>The slowest cells (each executed notebook also records every cell's time as <c>tagnn.seconds</c>) and
    /// the course total against the limits.</summary>
    private void WritePace(double totalSeconds, bool smoke)
    {
        var slowest = CoursePace.Slowest(cellEvents);
        if (slowest.Count > 0)
        {
            var table = new Table().Title("Slowest cells").AddColumns("Notebook", "Cell", "Seconds", "First line");
            table.Columns[1].RightAligned();
            table.Columns[2].RightAligned();
            foreach (var e in slowest)
            {
                var seconds = (e.Seconds ?? 0).ToString("0.0", CultureInfo.InvariantCulture);
                var over = !smoke && (e.Seconds ?? 0) > CoursePace.CellLimitSeconds;
                table.AddRow(
                    new Text(Path.GetFileNameWithoutExtension(e.Notebook)),
                    new Text($"{e.Cell}"),
                    over ? new Markup($"[red]{seconds}[/]") : new Text(seconds),
                    new Text(e.FirstLine ?? ""));
            }
            console.Write(table);
        }
        console.WriteLine(CoursePace.Describe(cellEvents, totalSeconds, smoke));
    }

    private void Progress(RunnerEvent e)
    {
        var name = Path.GetFileNameWithoutExtension(e.Notebook);
        switch (e.Type)
        {
            case RunnerEvent.Start:
                console.MarkupLineInterpolated($"[bold]{name}[/] ({e.CodeCells} code cells)");
                break;
            case RunnerEvent.CellDone:
                cellEvents.Add(e);
                var color = e.Status == RunnerEvent.Ok ? "green" : "red";
                var seconds = (e.Seconds ?? 0).ToString("0.00", CultureInfo.InvariantCulture);
                console.MarkupLineInterpolated(
                    $"  {name} cell {e.CodeCell}/{e.CodeCells} [{color}]{e.Status}[/] {seconds,6} s  [grey]{e.FirstLine}[/]");
                if (e.Status != RunnerEvent.Ok && e.Error is { } error)
                    console.MarkupLineInterpolated($"    [red]{error}[/]");
                break;
        }
    }

    private void WriteSummary(IReadOnlyList<NotebookResult> results, bool smoke)
    {
        var table = new Table().AddColumns("Notebook", "Cells", "Seconds", "Status");
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        foreach (var r in results)
        {
            var color = r.Succeeded ? "green" : "red";
            table.AddRow(
                new Text(Path.GetFileName(r.Notebook)),
                new Text($"{r.ExecutedCells}/{r.CodeCells}"),
                new Text(r.Seconds.ToString("0.0", CultureInfo.InvariantCulture)),
                new Markup($"[{color}]{r.Status}[/]"));
        }
        table.AddRow(new Text("total"), new Text(""),
            new Text(results.Sum(r => r.Seconds).ToString("0.0", CultureInfo.InvariantCulture)),
            new Text($"{results.Count(r => r.Succeeded)}/{results.Count} ok"));
        console.Write(table);
        WritePace(results.Sum(r => r.Seconds), smoke);
        foreach (var failed in results.Where(r => !r.Succeeded))
            console.MarkupLineInterpolated($"[red]FAILED[/] {failed.Describe()}");
    }
}
