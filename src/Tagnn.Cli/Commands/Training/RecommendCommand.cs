using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Evaluation;
using Tagnn.Training;

namespace Tagnn.Cli.Commands.Training;

/// <summary><c>tagnn recommend</c>: the next items for a session of original item ids, explained by target attention.</summary>
public sealed class RecommendCommand : Command<RecommendCommand.Settings>
{
    /// <summary>Options of <c>tagnn recommend</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The run.</summary>
        [CommandOption("-r|--run <DIR>")]
        [Description("The run folder (tagnn train).")]
        public string Run { get; init; } = "";

        /// <summary>The session.</summary>
        [CommandOption("-s|--session <IDS>")]
        [Description("The session's clicks, oldest first, as item ids of the click log, separated by spaces or commas (e.g. \"1342 2965 1457\").")]
        public string Session { get; init; } = "";

        /// <summary>How many.</summary>
        [CommandOption("-k <K>")]
        [Description("How many items to recommend (default 10).")]
        public int K { get; init; } = 10;

        /// <summary>Clicks per explanation.</summary>
        [CommandOption("--explain <N>")]
        [Description("Clicks shown per recommended item, by decreasing attention (default 3).")]
        public int Explain { get; init; } = 3;

        /// <summary>best, last or a path.</summary>
        [CommandOption("-c|--checkpoint <WHICH>")]
        [Description("best (default), last, or a checkpoint file.")]
        public string Checkpoint { get; init; } = "best";

        /// <summary>Leave out clicked items.</summary>
        [CommandOption("--exclude-clicked")]
        [Description("Do not recommend items the session already clicked (the evaluation keeps them, as the reference does).")]
        public bool ExcludeClicked { get; init; }

        /// <summary>Device.</summary>
        [CommandOption("--device <DEVICE>")]
        [Description("auto (default), cpu or cuda.")]
        public string? Device { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Run)) return ValidationResult.Error("--run DIR is required.");
            if (K < 1) return ValidationResult.Error("-k must be at least 1.");
            if (Explain < 1) return ValidationResult.Error("--explain must be at least 1.");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => TrainingCli.Run(() =>
    {
        var ids = Recommender.ParseSession(settings.Session);
        if (ids.Count == 0) throw new ArgumentException("The session is empty: pass --session \"id1 id2 ...\" (item ids of the click log).");
        var device = TrainingCli.Setup(settings.Device, threads: null);
        var folder = RunFolder.Open(settings.Run);
        TrainingCli.NoteUnverified(folder.CheckpointPath(settings.Checkpoint));
        TrainingCli.LoadVariant(folder.ReadConfig().Model);
        var recommender = folder.LoadRecommender(settings.Checkpoint, device.Device);
        using (recommender.Model)
        {
            var result = recommender.Recommend(ids, settings.K, settings.ExcludeClicked);
            if (result.UnknownIds.Count > 0)
            {
                var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                err.MarkupLine($"[yellow]warning:[/] dropped {result.UnknownIds.Count} unknown item id(s): {string.Join(", ", result.UnknownIds).EscapeMarkup()}");
            }
            AnsiConsole.MarkupLine($"[grey]session[/] {string.Join(" ", result.Session.Select(c => c.OriginalId)).EscapeMarkup()}");
            var table = new Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("item").AddColumn(new TableColumn("score").RightAligned());
            if (result.Explanation == ExplanationKind.TargetAttention) table.AddColumn("clicks it attends to most (target attention beta)");
            foreach (var item in result.Items)
            {
                var cells = new List<string> { item.Rank.ToString(CultureInfo.InvariantCulture), item.OriginalId.EscapeMarkup(),
                    item.Score.ToString("F3", CultureInfo.InvariantCulture) };
                if (result.Explanation == ExplanationKind.TargetAttention)
                    cells.Add(string.Join(", ", item.Explanation.Take(settings.Explain).Select(Weight)).EscapeMarkup());
                table.AddRow(cells.ToArray());
            }
            AnsiConsole.Write(table);
            if (result.GlobalAttention is not null && result.Explanation == ExplanationKind.GlobalAttention)
                AnsiConsole.MarkupLine($"global attention alpha: {string.Join(", ", result.GlobalAttention.Select(Weight)).EscapeMarkup()}");
            AnsiConsole.MarkupLine($"[grey]{result.Note.EscapeMarkup()}[/]");
        }
        return 0;
    });

    private static string Weight(ClickWeight w) =>
        $"{w.OriginalId} @{w.Position} ({w.Weight.ToString("F3", CultureInfo.InvariantCulture)})";
}
