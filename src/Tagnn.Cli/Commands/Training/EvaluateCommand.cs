using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.IO;
using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Cli.Commands.Training;

/// <summary><c>tagnn evaluate</c>: score a run's checkpoint, or a weights file, on a test set next to POP and SKNN.</summary>
public sealed class EvaluateCommand : Command<EvaluateCommand.Settings>
{
    /// <summary>Options of <c>tagnn evaluate</c>.</summary>
    public sealed class Settings : ModelOptions
    {
        /// <summary>A run folder.</summary>
        [CommandOption("-r|--run <DIR>")]
        [Description("A run folder (tagnn train): its model, data and padding are used.")]
        public string? Run { get; init; }

        /// <summary>best, last or a path.</summary>
        [CommandOption("-c|--checkpoint <WHICH>")]
        [Description("With --run: best (default; the selected epoch), last, or a checkpoint file.")]
        public string Checkpoint { get; init; } = "best";

        /// <summary>Weights under the reference names.</summary>
        [CommandOption("-w|--weights <FILE>")]
        [Description("Instead of --run: weights as safetensors under the reference names (tagnn export, or the authors' " +
            "PyTorch model saved with safetensors.torch.save_file(model.state_dict(), FILE)); the model options say what they are.")]
        public string? Weights { get; init; }

        /// <summary>The data.</summary>
        [CommandOption("-d|--data <DIR>")]
        [Description("The prepared folder whose test set is scored. Default: the run's data, or the bundled sample with --weights.")]
        public string? Data { get; init; }

        /// <summary>Batch.</summary>
        [CommandOption("-b|--batch <B>")]
        [Description("Examples per batch (default 100).")]
        public int Batch { get; init; } = 100;

        /// <summary>Device.</summary>
        [CommandOption("--device <DEVICE>")]
        [Description("auto (default), cpu or cuda.")]
        public string? Device { get; init; }

        /// <summary>Threads.</summary>
        [CommandOption("-t|--threads <T>")]
        [Description("libtorch intra-op threads.")]
        public int? Threads { get; init; }

        /// <summary>Skip SKNN.</summary>
        [CommandOption("--no-sknn")]
        [Description("Do not score the SKNN baseline.")]
        public bool NoSknn { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() => (Run is null) == (Weights is null)
            ? ValidationResult.Error("Give either --run DIR or --weights FILE.")
            : OptionChecks.First(base.Validate(), OptionChecks.AtLeast("--batch", Batch, 1), OptionChecks.AtLeast("--threads", Threads, 1));
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => TrainingCli.Run(() =>
    {
        var device = TrainingCli.Setup(settings.Device, settings.Threads);
        SessionRecommender model;
        TrainingData data;
        string what;
        if (settings.Run is not null)
        {
            var folder = RunFolder.Open(settings.Run);
            var path = folder.CheckpointPath(settings.Checkpoint);
            TrainingCli.NoteUnverified(path);
            var info = Tagnn.Training.Checkpoint.ReadInfo(path);
            TrainingCli.LoadVariant(info.Config.Model);
            var dataPath = settings.Data ?? info.Config.Data.Path
                ?? throw new InvalidDataException($"{folder.ConfigPath} records no data folder; pass --data.");
            data = TrainingData.Load(dataPath, info.Config.Training with { MaxTrainExamples = settings.Data is null ? info.Config.Training.MaxTrainExamples : null,
                MaxTestExamples = settings.Data is null ? info.Config.Training.MaxTestExamples : null });
            if (data.ItemCount != info.Items.Count || !SameItems(data.Items, info.Items))
                throw new InvalidDataException($"{dataPath} numbers its items differently from the run's item map: evaluate on the run's data.");
            model = Tagnn.Training.Checkpoint.LoadModel(path, device.Device);
            what = $"{path} (epoch {info.State.SelectedEpoch} selected, {info.State.CompletedEpochs} trained)";
        }
        else
        {
            data = TrainingData.Load(settings.Data ?? SampleData.PreparedPath, new TrainingOptions());
            var session = ModelFactory.Create(settings.ToConfig(data.ItemTableSize), 0, device.Device);
            Paths.RequireFile(settings.Weights!, "a weights file (safetensors under the reference names)");
            TrainingCli.NoteUnverified(settings.Weights!);
            session.LoadReferenceWeights(settings.Weights!);
            FiniteWeights.Require(settings.Weights!, session.ReferenceTensors());
            model = session;
            what = Path.GetFullPath(settings.Weights!);
        }
        using (model)
        {
            AnsiConsole.MarkupLine($"[grey]model[/] {model.Spec.Describe().EscapeMarkup()} [grey]from[/] {what.EscapeMarkup()}");
            AnsiConsole.MarkupLine($"[grey]test set[/] {data.Test.Count:N0} examples, {data.ItemCount:N0} items, padding length {data.Test.MaxPrefixLength}");
            MetricsReport report = null!;
            AnsiConsole.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("scoring the test set", maxValue: data.Test.Count);
                    report = ModelEvaluator.Evaluate(model, data.Test, data.Popularity, new EvaluationOptions(settings.Batch),
                        new InlineProgress<int>(done => task.Value = done), cancellationToken);
                });
            var baselines = TrainingCli.Baselines(data, !settings.NoSknn);
            var kind = model.Spec.Name;
            var rows = new List<(string, MetricsReport)> { (kind, report) };
            rows.AddRange(baselines.Select(b => (b.Key.ToUpperInvariant(), TrainingCli.Report(b.Value, data.Test.Count))));
            AnsiConsole.Write(TrainingCli.MetricsTable(rows));
        }
        return 0;
    });

    private static bool SameItems(ItemCatalog a, ItemCatalog b)
    {
        for (var id = 1; id <= a.Count; id++)
        {
            if (a.OriginalId(id) != b.OriginalId(id)) return false;
        }
        return true;
    }
}
