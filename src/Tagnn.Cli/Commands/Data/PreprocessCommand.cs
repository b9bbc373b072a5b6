using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Cli.Runtime;
using Tagnn.Data;

namespace Tagnn.Cli.Commands.Data;

/// <summary><c>tagnn preprocess</c>: the reference preprocessing of a click log into a prepared folder.</summary>
public sealed class PreprocessCommand : Command<PreprocessCommand.Settings>
{
    /// <summary>The output folder used when none is given.</summary>
    public const string DefaultOutputRoot = "artifacts/prepared";

    /// <summary>Options of <c>tagnn preprocess</c>.</summary>
    public sealed class Settings : CommandSettings, ITensorFreeSettings
    {
        /// <summary>diginetica or yoochoose.</summary>
        [CommandOption("-d|--dataset <NAME>")]
        [Description("Click-log layout: diginetica (train-item-views.csv) or yoochoose (yoochoose-clicks.dat). Default: diginetica.")]
        public string Dataset { get; init; } = "diginetica";

        /// <summary>The click log.</summary>
        [CommandOption("-i|--input <FILE>")]
        [Description("The click log. Default: the bundled sample, " + SampleData.LogRelativePath + " (Diginetica layout).")]
        public string? Input { get; init; }

        /// <summary>The output folder.</summary>
        [CommandOption("-o|--output <DIR>")]
        [Description("Output folder (train.tsv, test.tsv, items.tsv, stats.json; Yoochoose: one sub-folder per fraction, " +
            "yoochoose1_64/ and yoochoose1_4/). Default: " + DefaultOutputRoot + "/sample for the sample, " + DefaultOutputRoot + "/<dataset> otherwise.")]
        public string? Output { get; init; }

        /// <summary>Allow writing into a non-empty output folder.</summary>
        [CommandOption("-f|--force")]
        [Description("Write into a non-empty output folder (our files in it are replaced once all are written; other files stay).")]
        public bool Force { get; init; }

        /// <summary>Print the time of each phase.</summary>
        [CommandOption("--timings")]
        [Description("Print the wall time of each phase (read, preprocess, write).")]
        public bool Timings { get; init; }

        /// <summary>The parsed layout.</summary>
        public ClickLogLayout Layout => ParseLayout(Dataset);

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Dataset is not ("diginetica" or "yoochoose"))
                return ValidationResult.Error($"--dataset must be diginetica or yoochoose, not '{Dataset}'.");
            if (Input is null && Dataset == "yoochoose")
                return ValidationResult.Error("--input is required for --dataset yoochoose (the bundled sample is in the Diginetica layout).");
            return ValidationResult.Success();
        }
    }

    /// <summary>Parses "diginetica" / "yoochoose".</summary>
    public static ClickLogLayout ParseLayout(string name) => name switch
    {
        "diginetica" => ClickLogLayout.Diginetica,
        "yoochoose" => ClickLogLayout.Yoochoose,
        _ => throw new ArgumentException($"unknown dataset '{name}'; expected diginetica or yoochoose."),
    };

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => CliErrors.Run(() =>
    {
        var clock = Stopwatch.StartNew();
        var input = settings.Input ?? SampleData.LogPath;
        var output = settings.Output ?? Path.Combine(DefaultOutputRoot, settings.Input is null ? "sample" : settings.Dataset);
        RefuseNonEmpty(output, settings.Force);

        var phases = new List<(string Phase, TimeSpan Time)>();
        var phaseClock = Stopwatch.StartNew();
        void Phase(string name)
        {
            phases.Add((name, phaseClock.Elapsed));
            phaseClock.Restart();
        }
        ClickLog? log = null;
        IReadOnlyList<PreprocessedDataset>? results = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var read = ctx.AddTask($"read {Path.GetFileName(input).EscapeMarkup()}", maxValue: 1);
                log = ClickLogReader.Read(input, settings.Layout, (done, total) => read.Value = total == 0 ? 1 : (double)done / total);
                read.Value = 1;
                Phase("read");
                var prep = ctx.AddTask("preprocess", maxValue: 1);
                results = ReferencePreprocessor.Run(log);
                prep.Value = 1;
                Phase("preprocess");
                var write = ctx.AddTask("write", maxValue: results.Count);
                PreprocessedDataset.SaveAll(results, output, _ => write.Increment(1)); // all or nothing
                Phase("write");
            });

        AnsiConsole.Write(StatsTable.Build([.. results!.Select(r => (r.SubFolder.Length == 0 ? r.Stats.Dataset : r.SubFolder, r.Stats))]));
        foreach (var skip in log!.Skipped)
            AnsiConsole.MarkupLine($"[yellow]skipped[/] {skip.Count:N0} {skip.Reason.EscapeMarkup()}(s), the first on line {skip.FirstLine}.");
        foreach (var r in results!)
        {
            var dir = Path.GetFullPath(r.SubFolder.Length == 0 ? output : Path.Combine(output, r.SubFolder));
            AnsiConsole.MarkupLine($"wrote [green]{dir.EscapeMarkup()}[/] (train.tsv, test.tsv, items.tsv, stats.json)");
        }
        if (settings.Layout == ClickLogLayout.Yoochoose)
            AnsiConsole.MarkupLine("[grey]The SR-GNN paper's Yoochoose item counts (16,766 and 29,618) are known to be wrong; the counts above are what the reference code gives.[/]");
        if (settings.Timings)
            AnsiConsole.MarkupLine("[grey]" + string.Join(", ", phases.Select(p => $"{p.Phase} {p.Time.TotalSeconds:F3} s")) + "[/]");
        AnsiConsole.MarkupLine($"[grey]done in {clock.Elapsed.TotalSeconds:F2} s (since the command started; process start-up not included)[/]");
        return 0;
    });

    /// <summary>Throws when <paramref name="dir"/> exists, is not empty and <paramref name="force"/> is not set.</summary>
    public static void RefuseNonEmpty(string dir, bool force)
    {
        if (!force && Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new IOException($"{Path.GetFullPath(dir)} is not empty; refusing to write into it. Use --force to replace the files, or choose another --output.");
    }
}
