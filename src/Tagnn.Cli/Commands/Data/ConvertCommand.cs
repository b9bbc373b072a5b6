using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Cli.Runtime;
using Tagnn.Data;
using Tagnn.IO;

namespace Tagnn.Cli.Commands.Data;

/// <summary><c>tagnn convert</c>: prepared folder (TSV) &lt;-&gt; SR-GNN folder (pickles).</summary>
public sealed class ConvertCommand : Command<ConvertCommand.Settings>
{
    /// <summary>Options of <c>tagnn convert</c>.</summary>
    public sealed class Settings : CommandSettings, ITensorFreeSettings
    {
        /// <summary>Source format.</summary>
        [CommandOption("--from <FORMAT>")]
        [Description("Source format: tsv (a prepared folder: train.tsv, test.tsv, items.tsv, stats.json) or pickle (an SR-GNN folder: train.txt, test.txt).")]
        public string? From { get; init; }

        /// <summary>Target format.</summary>
        [CommandOption("--to <FORMAT>")]
        [Description("Target format: pickle or tsv (the other one).")]
        public string? To { get; init; }

        /// <summary>Input folder.</summary>
        [CommandOption("-i|--input <DIR>")]
        [Description("Input folder. Default for --from tsv: the bundled sample's prepared folder.")]
        public string? Input { get; init; }

        /// <summary>Output folder.</summary>
        [CommandOption("-o|--output <DIR>")]
        [Description("Output folder (required).")]
        public string? Output { get; init; }

        /// <summary>Item count for pickle -> tsv.</summary>
        [CommandOption("--items <N>")]
        [Description("pickle -> tsv: the number of items n (the item table has n + 1 rows). Default: the largest id seen. " +
            "For a Yoochoose fraction give the full train set's count (37483 for the real data).")]
        public int? Items { get; init; }

        /// <summary>Catalog for pickle -> tsv.</summary>
        [CommandOption("--catalog <FILE>")]
        [Description("pickle -> tsv: an items.tsv to use as the item catalog (original ids). Without it items.tsv maps every id to itself.")]
        public string? Catalog { get; init; }

        /// <summary>Allow a non-empty output folder.</summary>
        [CommandOption("-f|--force")]
        [Description("Write into a non-empty output folder.")]
        public bool Force { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if ((From, To) is not (("tsv", "pickle") or ("pickle", "tsv")))
                return ValidationResult.Error("give --from tsv --to pickle, or --from pickle --to tsv.");
            if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("--output DIR is required.");
            if (From == "pickle" && string.IsNullOrWhiteSpace(Input)) return ValidationResult.Error("--input DIR (an SR-GNN folder with train.txt and test.txt) is required.");
            if (From == "tsv" && (Items is not null || Catalog is not null)) return ValidationResult.Error("--items and --catalog apply to --from pickle only.");
            if (Items is < 1) return ValidationResult.Error("--items must be positive.");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => CliErrors.Run(() =>
    {
        PreprocessCommand.RefuseNonEmpty(settings.Output!, settings.Force);
        if (settings.From == "tsv")
        {
            var input = settings.Input ?? SampleData.PreparedPath;
            var dataset = PreparedDataset.Load(input);
            PickleConversion.ToSrGnn(dataset, settings.Output!);
            AnsiConsole.MarkupLine($"wrote [green]{Path.GetFullPath(Path.Combine(settings.Output!, PickleConversion.TrainPickle)).EscapeMarkup()}[/] " +
                $"({dataset.Train.Count:N0} examples) and [green]{PickleConversion.TestPickle}[/] ({dataset.Test.Count:N0}), pickle protocol 2.");
            AnsiConsole.MarkupLine($"For SR-GNN / TAGNN's main.py use n_node = {dataset.ItemTableSize} (items + 1; the scripts hard-code 43098 for Diginetica and 37484 for Yoochoose).");
            return 0;
        }
        var catalog = settings.Catalog is null ? null
            : ItemCatalog.Load(Paths.RequireFile(settings.Catalog, "an items.tsv (item_id TAB original_id) for --catalog"));
        var prepared = PickleConversion.FromSrGnn(settings.Input!, settings.Output!, catalog, settings.Items);
        AnsiConsole.MarkupLine($"wrote [green]{prepared.Directory.EscapeMarkup()}[/]: {prepared.Train.Count:N0} train and {prepared.Test.Count:N0} test examples, {prepared.Items.Count:N0} items.");
        foreach (var (set, file) in new[] { (prepared.Train, PickleConversion.TrainPickle), (prepared.Test, PickleConversion.TestPickle) })
        {
            if (set.Count == 0)
                AnsiConsole.MarkupLine($"[yellow]warning:[/] {Path.GetFullPath(Path.Combine(settings.Input!, file)).EscapeMarkup()} holds no examples: " +
                    "tagnn train and evaluate refuse a folder with an empty training or test set.");
        }
        if (catalog is null)
            AnsiConsole.MarkupLine("[yellow]note:[/] SR-GNN pickles carry no item catalog: items.tsv maps every id to itself, so original item ids are unknown " +
                $"(give --catalog items.tsv if you have one). n = {prepared.Items.Count:N0} ({(settings.Items is null ? "the largest id seen; pass --items for a Yoochoose fraction" : "from --items")}).");
        AnsiConsole.MarkupLine("[yellow]note:[/] dates, the split date and the per-step counts are unknown (stats.json says so); sessions are recovered from the example order.");
        return 0;
    });
}
