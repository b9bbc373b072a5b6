using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Cli.Runtime;
using Tagnn.Data;

namespace Tagnn.Cli.Commands.Data;

/// <summary><c>tagnn data synth</c>: writes a synthetic click log with planted structure, and its ground truth.</summary>
public sealed class SynthCommand : Command<SynthCommand.Settings>
{
    /// <summary>Options of <c>tagnn data synth</c>.</summary>
    public sealed class Settings : CommandSettings, ITensorFreeSettings
    {
        /// <summary>diginetica or yoochoose.</summary>
        [CommandOption("-l|--layout <NAME>")]
        [Description("File layout: diginetica (sessionId;userId;itemId;timeframe;eventdate) or yoochoose (session,timestamp,item,category). Default: diginetica.")]
        public string Layout { get; init; } = "diginetica";

        /// <summary>The log to write.</summary>
        [CommandOption("-o|--output <FILE>")]
        [Description("The click log to write; the ground truth (item-topics.tsv, session-topics.tsv) goes next to it.")]
        public string? Output { get; init; }

        /// <summary>Seed.</summary>
        [CommandOption("--seed <N>")]
        [Description("Random seed: the same options give the same bytes. Default: 1.")]
        public ulong Seed { get; init; } = 1;

        /// <summary>Sessions.</summary>
        [CommandOption("--sessions <N>")]
        [Description("Number of sessions. Default: 20000.")]
        public int Sessions { get; init; } = 20_000;

        /// <summary>Items.</summary>
        [CommandOption("--items <N>")]
        [Description("Number of items, split evenly over the topics. Default: 1600.")]
        public int Items { get; init; } = 1_600;

        /// <summary>Topics.</summary>
        [CommandOption("--topics <N>")]
        [Description("Number of topics (item groups; a session mixes two or three). Default: 10.")]
        public int Topics { get; init; } = 10;

        /// <summary>Days.</summary>
        [CommandOption("--days <N>")]
        [Description("Days the sessions are spread over. Default: 60.")]
        public int Days { get; init; } = 60;

        /// <summary>Start date.</summary>
        [CommandOption("--start <DATE>")]
        [Description("First day, YYYY-MM-DD. Default: 2016-01-01 (diginetica), 2014-04-01 (yoochoose).")]
        public string? Start { get; init; }

        /// <summary>Skip the ground-truth files.</summary>
        [CommandOption("--no-truth")]
        [Description("Do not write item-topics.tsv and session-topics.tsv.")]
        public bool NoTruth { get; init; }

        /// <summary>Replace existing files.</summary>
        [CommandOption("-f|--force")]
        [Description("Replace existing files.")]
        public bool Force { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Layout is not ("diginetica" or "yoochoose"))
                return ValidationResult.Error($"--layout must be diginetica or yoochoose, not '{Layout}'.");
            if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("--output FILE is required.");
            if (Start is not null && !DateOnly.TryParseExact(Start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                return ValidationResult.Error($"--start must be a date YYYY-MM-DD, not '{Start}'.");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => CliErrors.Run(() =>
    {
        var options = new SyntheticClickLogOptions
        {
            Layout = PreprocessCommand.ParseLayout(settings.Layout),
            Seed = settings.Seed,
            Sessions = settings.Sessions,
            Items = settings.Items,
            Topics = settings.Topics,
            Days = settings.Days,
            StartDate = settings.Start is null ? null : DateOnly.ParseExact(settings.Start, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        SyntheticClickLogSummary? summary = null;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("generate", maxValue: options.Sessions);
                summary = SyntheticClickLog.Write(settings.Output!, options, settings.Force, !settings.NoTruth, (done, _) => task.Value = done);
            });
        AnsiConsole.MarkupLine($"wrote [green]{summary!.LogPath.EscapeMarkup()}[/]: {summary.Clicks:N0} clicks, {summary.Sessions:N0} sessions, " +
            $"{options.Items:N0} items in {options.Topics} topics, seed {options.Seed}.");
        if (summary.ItemTopicsPath is not null)
            AnsiConsole.MarkupLine($"ground truth: [green]{summary.ItemTopicsPath.EscapeMarkup()}[/], [green]{summary.SessionTopicsPath!.EscapeMarkup()}[/]");
        return 0;
    });
}
