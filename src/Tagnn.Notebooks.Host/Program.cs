using System.Globalization;
using System.Text;
using Tagnn.Notebooks.Host.Execution;
using Tagnn.Notebooks.Host.Html;
using Tagnn.Notebooks.Protocol;

namespace Tagnn.Notebooks.Host;

/// <summary>
/// The notebook host: runs ONE notebook per process (a fresh kernel, its own loaded assemblies, the notebook's folder as
/// current directory) and reports progress as <c>##tagnn {json}</c> lines on standard output. Started by
/// <c>tagnn notebooks run</c>; it references neither the core Tagnn library nor Tagnn.Course, so the notebook's own
/// <c>#r "../src/Tagnn.Course/bin/Release/net10.0/..."</c> lines load the only copies.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage:
          Tagnn.Notebooks.Host run NOTEBOOK.ipynb --output DIR [--html] [--cell-timeout SECONDS]
          Tagnn.Notebooks.Host index --output DIR

        run    executes the notebook's cells in order (current directory: the notebook's folder), writes
               DIR/NOTEBOOK.ipynb with outputs and, with --html, DIR/NOTEBOOK.html plus DIR/assets/.
               Smoke mode: set TAGNN_SMOKE=1 in the environment. Exit code 0 ok, 1 a cell failed,
               2 bad usage, 3 a cell timed out (default per-cell timeout: 1800 s).
        index  writes DIR/index.html listing the executed notebooks in DIR.
        """;

    private static StreamWriter events = null!;
    private static StreamWriter log = null!;

    private static async Task<int> Main(string[] args)
    {
        // Held before any kernel exists: the C# kernel redirects Console.Out/Error while cells run.
        events = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        log = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        int code;
        try
        {
            code = args.FirstOrDefault() switch
            {
                "run" => await RunAsync(args[1..]),
                "index" => Index(args[1..]),
                _ => Fail(Usage),
            };
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            code = Fail(e.Message);
        }
        await events.FlushAsync();
        await log.FlushAsync();
        // A notebook may leave foreground threads behind; the run is over.
        Environment.Exit(code);
        return code;
    }

    private static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        if (options.Notebook is null || options.Output is null) return Fail(Usage);
        var notebook = new FileInfo(Path.GetFullPath(options.Notebook));
        if (!notebook.Exists) return Fail($"{notebook.FullName}: notebook not found");
        var outputDir = Path.GetFullPath(options.Output);
        Directory.CreateDirectory(outputDir);

        var run = await NotebookExecutor.RunAsync(notebook, options.CellTimeout, Report, line => log.WriteLine(line));

        var executedPath = Path.Combine(outputDir, notebook.Name);
        NotebookFiles.Write(run.Executed, executedPath);
        string? page = null;
        if (options.Html)
        {
            StaticAssets.Write(outputDir);
            page = HtmlPageWriter.Write(run, outputDir);
        }

        var failure = run.Failure;
        Report(new RunnerEvent(RunnerEvent.End, notebook.Name, failure?.Cell, failure?.CodeCell, run.CodeCells,
            failure?.FirstLine, run.Status, Math.Round(run.Seconds, 3), failure?.Error, executedPath, page));
        return run.Status switch
        {
            RunnerEvent.Ok => HostExitCodes.Ok,
            RunnerEvent.TimedOut => HostExitCodes.Timeout,
            _ => HostExitCodes.CellFailed,
        };
    }

    private static int Index(string[] args)
    {
        var options = Options.Parse(args);
        if (options.Output is null) return Fail(Usage);
        var outputDir = Path.GetFullPath(options.Output);
        if (!Directory.Exists(outputDir)) return Fail($"{outputDir}: output folder not found");
        StaticAssets.Write(outputDir);
        var path = IndexPageWriter.Write(outputDir);
        log.WriteLine($"wrote {path}");
        return HostExitCodes.Ok;
    }

    private static void Report(RunnerEvent e) => events.WriteLine(e.ToLine());

    private static int Fail(string message)
    {
        log.WriteLine(message);
        return HostExitCodes.Usage;
    }

    private sealed record Options(string? Notebook, string? Output, bool Html, TimeSpan CellTimeout)
    {
        public static Options Parse(string[] args)
        {
            string? notebook = null, output = null;
            var html = false;
            var timeout = TimeSpan.FromSeconds(1800);
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--output" when i + 1 < args.Length:
                        output = args[++i];
                        break;
                    case "--html":
                        html = true;
                        break;
                    case "--cell-timeout" when i + 1 < args.Length:
                        if (!double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                            throw new ArgumentException($"--cell-timeout: '{args[i]}' is not a positive number of seconds");
                        timeout = TimeSpan.FromSeconds(seconds);
                        break;
                    case var a when !a.StartsWith("--", StringComparison.Ordinal) && notebook is null:
                        notebook = a;
                        break;
                    default:
                        throw new ArgumentException($"unexpected argument '{args[i]}'\n{Usage}");
                }
            }
            return new Options(notebook, output, html, timeout);
        }
    }
}
