using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Cli.Runtime;
using Tagnn.Data;

namespace Tagnn.Cli.Commands.Data;

/// <summary><c>tagnn data fetch</c>: gets (or checks) the real Diginetica and Yoochoose click logs.</summary>
public sealed class FetchCommand : Command<FetchCommand.Settings>
{
    /// <summary>Options of <c>tagnn data fetch</c>.</summary>
    public sealed class Settings : CommandSettings, ITensorFreeSettings
    {
        /// <summary>Which dataset.</summary>
        [CommandOption("-d|--dataset <NAME>")]
        [Description("diginetica, yoochoose or all (default: all).")]
        public string Dataset { get; init; } = "all";

        /// <summary>Destination folder.</summary>
        [CommandOption("-o|--output <DIR>")]
        [Description("Where the click logs go. Default: data/real/ of the repository (git-ignored).")]
        public string? Output { get; init; }

        /// <summary>Sources file.</summary>
        [CommandOption("--sources <FILE>")]
        [Description("The list of datasets and download addresses. Default: " + DatasetSources.RelativePath + ".")]
        public string? Sources { get; init; }

        /// <summary>Time-out per request.</summary>
        [CommandOption("--timeout <SECONDS>")]
        [Description("Seconds to wait for a server to answer (default: 30).")]
        public int TimeoutSeconds { get; init; } = 30;
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => CliErrors.Run(() =>
    {
        var sourcesPath = settings.Sources ?? SampleData.Find(DatasetSources.RelativePath);
        var sources = DatasetSources.Load(sourcesPath);
        var folder = settings.Output ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sourcesPath))!, "real");
        var wanted = settings.Dataset == "all" ? sources.Datasets : [sources[settings.Dataset]];
        // Connecting times out; a slow but live transfer does not.
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var exit = 0;
        foreach (var source in wanted)
        {
            AnsiConsole.Write(new Rule($"[bold]{source.Name}[/]: {source.Title.EscapeMarkup()}").LeftJustified());
            FetchOutcome? outcome = null;
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new DownloadedColumn(), new TransferSpeedColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("download", autoStart: false);
                    var fetcher = new DatasetFetcher(http)
                    {
                        Progress = (done, total) =>
                        {
                            if (!task.IsStarted) task.StartTask();
                            task.MaxValue = total ?? Math.Max(done, 1);
                            task.Value = done;
                        },
                    };
                    outcome = fetcher.FetchAsync(source, folder, cancellationToken).GetAwaiter().GetResult();
                    if (task.IsStarted) task.StopTask();
                });
            foreach (var m in outcome!.Messages) AnsiConsole.MarkupLine($"  {m.EscapeMarkup()}");
            switch (outcome.Status)
            {
                case FetchStatus.AlreadyPresent:
                case FetchStatus.Downloaded:
                    AnsiConsole.MarkupLine($"  [green]ready:[/] {outcome.Path.EscapeMarkup()}");
                    break;
                default:
                    exit = 1;
                    AnsiConsole.MarkupLine($"  [yellow]{source.Name} must be fetched by hand.[/] Size: {source.Size.EscapeMarkup()}.");
                    AnsiConsole.MarkupLine($"  Terms: {source.Terms.EscapeMarkup()}");
                    AnsiConsole.MarkupLine($"  Official page: {source.Homepage.EscapeMarkup()}");
                    for (var i = 0; i < source.Manual.Count; i++) AnsiConsole.MarkupLine($"  {i + 1}. {source.Manual[i].EscapeMarkup()}");
                    AnsiConsole.MarkupLine($"  Expected at: {outcome.Path.EscapeMarkup()}");
                    break;
            }
        }
        return exit;
    });
}
