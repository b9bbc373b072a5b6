using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Data;
using Tagnn.Graphs;
using Tagnn.IO;
using Tagnn.Model;
using Tagnn.Model.Variants;
using Tagnn.Training;

namespace Tagnn.Cli.Commands.Training;

/// <summary><c>tagnn train</c>: train TAGNN, SR-GNN or a neural baseline into a run folder and print its metrics next to POP and SKNN.</summary>
public sealed class TrainCommand : Command<TrainCommand.Settings>
{
    /// <summary>Epochs on the bundled sample when --epochs is not given: the reference schedule's first phase (lr 1e-3
    /// for epochs 0-1), about a minute on a 2-core machine.</summary>
    public const int SampleEpochs = 2;

    /// <summary>Where run folders go by default.</summary>
    public const string DefaultRunsRoot = "runs";

    /// <summary>Options of <c>tagnn train</c>.</summary>
    public sealed class Settings : ModelOptions
    {
        /// <summary>The prepared folder.</summary>
        [CommandOption("-d|--data <DIR>")]
        [Description("A prepared dataset folder (tagnn preprocess). Default: the bundled sample, " + SampleData.PreparedRelativePath + ".")]
        public string? Data { get; init; }

        /// <summary>Epochs.</summary>
        [CommandOption("-e|--epochs <N>")]
        [Description("Epochs at most (patience may stop earlier). Default: 30 (the reference's), but 2 on the bundled sample " +
            "(the schedule's first phase, lr 1e-3) so that `tagnn train` alone finishes in about a minute on 2 cores.")]
        public int? Epochs { get; init; }

        /// <summary>Batch size.</summary>
        [CommandOption("-b|--batch <B>")]
        [Description("Examples per batch (default 100).")]
        public int Batch { get; init; } = 100;

        /// <summary>Learning rate.</summary>
        [CommandOption("--lr <RATE>")]
        [Description("Adam's initial learning rate (default 0.001).")]
        public double LearningRate { get; init; } = 1e-3;

        /// <summary>Epochs between decays.</summary>
        [CommandOption("--lr-step <EPOCHS>")]
        [Description("StepLR step: epochs between learning-rate decays (default 3).")]
        public int LearningRateStep { get; init; } = 3;

        /// <summary>Decay factor.</summary>
        [CommandOption("--lr-gamma <G>")]
        [Description("StepLR decay factor (default 0.1).")]
        public double LearningRateGamma { get; init; } = 0.1;

        /// <summary>reference or textbook.</summary>
        [CommandOption("--lr-stepping <MODE>")]
        [Description("reference (default: the scheduler steps at the START of each epoch, so with step 3 the rate is 1e-3 for epochs 0-1, 1e-4 for 2-4, ...) or textbook (1e-3 for epochs 0-2, 1e-4 for 3-5, ...).")]
        public string Stepping { get; init; } = "reference";

        /// <summary>L2.</summary>
        [CommandOption("--weight-decay <L2>")]
        [Description("L2 weight decay coupled into the gradient, on every parameter (default 1e-5).")]
        public double WeightDecay { get; init; } = 1e-5;

        /// <summary>Patience.</summary>
        [CommandOption("--patience <N>")]
        [Description("Stop after N epochs that improve neither P@20 nor MRR@20 (counted over the whole run, never reset; a tie counts as an improvement; default 10).")]
        public int Patience { get; init; } = 10;

        /// <summary>Seed.</summary>
        [CommandOption("-s|--seed <SEED>")]
        [Description("Seed of the initialisation, the shuffling and the validation split (default 2020). Same seed, same numbers on the same machine and thread count.")]
        public long Seed { get; init; } = 2020;

        /// <summary>reference or validation.</summary>
        [CommandOption("--protocol <NAME>")]
        [Description("Model selection: reference (default; best test P@20 and best test MRR@20 over the epochs, taken separately, as the paper reports: selected on the test set) or validation (10% of the training sessions pick the epoch; the test set is scored once).")]
        public string Protocol { get; init; } = "reference";

        /// <summary>hit-rate or mrr.</summary>
        [CommandOption("--select-by <METRIC>")]
        [Description("The validation metric that picks the epoch: hit-rate (P@20, default) or mrr (MRR@20).")]
        public string SelectBy { get; init; } = "hit-rate";

        /// <summary>Validation share.</summary>
        [CommandOption("--validation-fraction <F>")]
        [Description("Share of the training sessions held out by --protocol validation (default 0.1).")]
        public double ValidationFraction { get; init; } = 0.1;

        /// <summary>batch or dataset.</summary>
        [CommandOption("--padding <POLICY>")]
        [Description("batch (default: pad each batch to its longest prefix; the reference formulation adds the dataset-wide padding's share analytically, same numbers) or dataset (the reference's tensors, padded to the longest prefix of the whole set).")]
        public string Padding { get; init; } = "batch";

        /// <summary>Device.</summary>
        [CommandOption("--device <DEVICE>")]
        [Description("auto (default: CUDA when this TorchSharp build and the machine have it), cpu or cuda. Also read from TAGNN_DEVICE.")]
        public string? Device { get; init; }

        /// <summary>Threads.</summary>
        [CommandOption("-t|--threads <T>")]
        [Description("libtorch intra-op threads (default: libtorch's choice, usually the physical cores).")]
        public int? Threads { get; init; }

        /// <summary>Run folder.</summary>
        [CommandOption("-r|--run <DIR>")]
        [Description("The run folder to create (never overwritten). Default: " + DefaultRunsRoot + "/<yyyyMMdd-HHmmss>-<model>, or " + DefaultRunsRoot + "/<name> with --name.")]
        public string? Run { get; init; }

        /// <summary>Run name.</summary>
        [CommandOption("-n|--name <NAME>")]
        [Description("Name of the run folder under --runs-root.")]
        public string? Name { get; init; }

        /// <summary>Runs root.</summary>
        [CommandOption("--runs-root <DIR>")]
        [Description("Where run folders go (default: runs).")]
        public string RunsRoot { get; init; } = DefaultRunsRoot;

        /// <summary>Resume.</summary>
        [CommandOption("--resume <DIR>")]
        [Description("Continue a run folder exactly where its last checkpoint left it (with --epochs: up to that many epochs in total). Model and training options come from its config.json.")]
        public string? Resume { get; init; }

        /// <summary>Initial weights.</summary>
        [CommandOption("--init-weights <FILE>")]
        [Description("Start from these weights (safetensors under the reference names, e.g. from the authors' PyTorch model or tagnn export) instead of the seeded initialisation.")]
        public string? InitWeights { get; init; }

        /// <summary>Skip SKNN.</summary>
        [CommandOption("--no-sknn")]
        [Description("Do not score the SKNN baseline (seconds on the sample, minutes on Diginetica).")]
        public bool NoSknn { get; init; }

        /// <summary>A variant from a class library.</summary>
        [CommandOption("--variant <ASSEMBLY:TYPE>")]
        [Description("Train a variant from a compiled class library: the path of its .dll and the full name of a public class implementing " +
            "Tagnn.Model.Variants.IVariantProvider (docs/VARIANTS.md), e.g. --variant MyVariants/bin/Release/net10.0/MyVariants.dll:MyVariants.Recency. " +
            "The other model options (--hidden, --gnn-steps, --formulation, --readout, --model) make the base it replaces parts of. " +
            "The run folder records the assembly, so --resume and evaluate load it again.")]
        public string? Variant { get; init; }

        /// <summary>Smoke mode: train subset.</summary>
        [CommandOption("--max-train <N>")]
        [Description("Smoke mode: train on at most N examples (whole sessions from the start of the training set).")]
        public int? MaxTrain { get; init; }

        /// <summary>Smoke mode: test subset.</summary>
        [CommandOption("--max-test <N>")]
        [Description("Smoke mode: evaluate on at most N test examples (whole sessions).")]
        public int? MaxTest { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Resume is not null && (Run is not null || Name is not null || InitWeights is not null || Data is not null || Variant is not null))
                return ValidationResult.Error("--resume continues a run with its own settings: it cannot be combined with --run, --name, --data, --init-weights or --variant.");
            if (Run is not null && Name is not null) return ValidationResult.Error("Give --run or --name, not both.");
            if (Variant is not null && !IsSessionGnn)
                return ValidationResult.Error($"--variant replaces parts of TAGNN or SR-GNN; {Model} has no such parts.");
            if (InitWeights is not null && !IsSessionGnn)
                return ValidationResult.Error($"--init-weights takes safetensors under the reference names of TAGNN and SR-GNN; {Model} has no such names.");
            return OptionChecks.First(
                base.Validate(),
                OptionChecks.AtLeast("--epochs", Epochs, 1),
                OptionChecks.AtLeast("--batch", Batch, 1),
                OptionChecks.AtLeast("--threads", Threads, 1),
                OptionChecks.AtLeast("--max-train", MaxTrain, 1),
                OptionChecks.AtLeast("--max-test", MaxTest, 1),
                OptionChecks.AtLeast("--patience", Patience, 1),
                OptionChecks.AtLeast("--lr-step", LearningRateStep, 1),
                OptionChecks.InRange("--lr", LearningRate, "[0, infinity)", r => r >= 0 && double.IsFinite(r)),
                OptionChecks.InRange("--lr-gamma", LearningRateGamma, "(0, 1]", g => g is > 0 and <= 1),
                OptionChecks.InRange("--weight-decay", WeightDecay, "[0, infinity)", w => w >= 0 && double.IsFinite(w)),
                OptionChecks.InRange("--validation-fraction", ValidationFraction, "(0, 1)", f => f is > 0 and < 1));
        }

        /// <summary>The training options these settings describe.</summary>
        public TrainingOptions ToOptions(bool sample) => new()
        {
            Epochs = Epochs ?? (sample ? SampleEpochs : 30),
            BatchSize = Batch,
            LearningRate = LearningRate,
            LearningRateStep = LearningRateStep,
            LearningRateGamma = LearningRateGamma,
            Stepping = TrainingCli.Parse("--lr-stepping", Stepping, ("reference", LearningRateStepping.Reference), ("textbook", LearningRateStepping.Textbook)),
            WeightDecay = WeightDecay,
            Patience = Patience,
            Seed = Seed,
            Protocol = TrainingCli.Parse("--protocol", Protocol, ("reference", SelectionProtocol.Reference), ("validation", SelectionProtocol.Validation)),
            SelectBy = TrainingCli.Parse("--select-by", SelectBy, ("hit-rate", SelectionMetric.HitRate), ("mrr", SelectionMetric.Mrr)),
            ValidationFraction = ValidationFraction,
            Padding = TrainingCli.Parse("--padding", Padding, ("batch", PaddingPolicy.Batch), ("dataset", PaddingPolicy.Dataset)),
            MaxTrainExamples = MaxTrain,
            MaxTestExamples = MaxTest,
        };
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => TrainingCli.Run(() =>
    {
        var command = "tagnn " + string.Join(' ', context.Arguments);
        var device = TrainingCli.Setup(settings.Device, settings.Threads);
        TrainingRun run;
        if (settings.Resume is not null)
        {
            var resumeFolder = RunFolder.Open(settings.Resume);
            TrainingCli.NoteUnverified(resumeFolder.CheckpointPath("last"));
            TrainingCli.LoadVariant(resumeFolder.ReadConfig().Model);
            run = TrainingRun.Resume(settings.Resume, device.Device, settings.Epochs, command);
            AnsiConsole.MarkupLine($"[grey]resuming[/] {run.Folder.Directory.EscapeMarkup()} [grey]after epoch {run.Trainer.CompletedEpochs - 1}, up to {run.Config.Training.Epochs} epochs[/]");
        }
        else
        {
            var sample = settings.Data is null;
            var dataPath = settings.Data ?? SampleData.PreparedPath;
            var options = settings.ToOptions(sample);
            var data = TrainingData.Load(dataPath, options);
            if (settings.InitWeights is not null)
            {
                Paths.RequireFile(settings.InitWeights, "a weights file for --init-weights (safetensors under the reference names)");
                TrainingCli.NoteUnverified(settings.InitWeights);
            }
            var model = settings.ToSpec(data.ItemTableSize);
            if (settings.Variant is not null)
            {
                var variant = VariantProviders.Load(settings.Variant, (ModelConfig)model);
                AnsiConsole.MarkupLine($"[grey]variant[/] {variant.VariantName.EscapeMarkup()} [grey]from {variant.Provider!.EscapeMarkup()}[/]");
                model = variant;
            }
            var directory = settings.Run ?? (settings.Name is not null
                ? Path.Combine(settings.RunsRoot, settings.Name)
                : RunFolder.DefaultDirectory(settings.RunsRoot, model));
            var config = new RunConfig
            {
                Command = command,
                Model = model,
                Training = options,
                Data = RunData.Describe(data),
                Device = TrainingCli.Describe(device),
                Threads = TorchSharp.torch.get_num_threads(),
                InitWeights = settings.InitWeights is null ? null : Path.GetFullPath(settings.InitWeights),
                SknnBaseline = !settings.NoSknn,
            };
            run = TrainingRun.Start(directory, config, data, device.Device);
            if (sample && settings.Epochs is null)
                AnsiConsole.MarkupLine($"[grey]bundled sample: {SampleEpochs} epochs by default (the reference trains 30: pass --epochs 30)[/]");
        }
        // Ctrl+C stops between two batches; every completed epoch is already checkpointed (resume with --resume).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }
        Console.CancelKeyPress += OnCancel;
        using (run)
        try
        {
            PrintSetup(run);
            var summary = ProgressDisplay.Show(run.Trainer, run.Config.Training.Epochs,
                progress => run.Run(progress, sknn: false, stop.Token));
            // SKNN as the run was started (--no-sknn is recorded in config.json), or skipped this time with --no-sknn.
            var baselines = TrainingCli.Baselines(run.Trainer.Data, !settings.NoSknn && run.Config.SknnBaseline != false);
            summary = summary with { Baselines = baselines, Timings = summary.Timings with { BaselineSeconds = baselines.Values.Sum(b => b.Seconds) } };
            run.Folder.WriteSummary(summary);
            PrintSummary(run, summary);
        }
        catch (OperationCanceledException) when (!Directory.Exists(run.Folder.Directory))
        {
            AnsiConsole.MarkupLine("[yellow]stopped[/] before the first epoch ended: nothing was checkpointed, so the run folder was removed.");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
        return 0;
    });

    private static void PrintSetup(TrainingRun run)
    {
        var c = run.Config;
        var d = c.Data;
        AnsiConsole.MarkupLine($"[grey]data[/] {(d.Path ?? "(in memory)").EscapeMarkup()} [grey]— {d.TrainExamples:N0} train" +
            (d.ValidationExamples is { } v ? $" / {v:N0} validation ({d.ValidationSessions:N0} sessions)" : "") +
            $" / {d.TestExamples:N0} test examples, {d.Items:N0} items[/]");
        AnsiConsole.MarkupLine($"[grey]model[/] {c.Model.Describe().EscapeMarkup()}");
        var t = c.Training;
        AnsiConsole.MarkupLine($"[grey]training[/] {t.Epochs} epochs, batch {t.BatchSize}, Adam lr {t.LearningRate.ToString(CultureInfo.InvariantCulture)} " +
            $"(StepLR {t.LearningRateStep} x {t.LearningRateGamma.ToString(CultureInfo.InvariantCulture)}, {t.Stepping.ToString().ToLowerInvariant()} stepping), " +
            $"L2 {t.WeightDecay.ToString(CultureInfo.InvariantCulture)}, patience {t.Patience}, seed {t.Seed}, {t.Padding.ToString().ToLowerInvariant()} padding, " +
            $"protocol [bold]{t.Protocol.ToString().ToLowerInvariant()}[/]");
        AnsiConsole.MarkupLine($"[grey]run folder[/] {run.Folder.Directory.EscapeMarkup()}");
    }

    private static void PrintSummary(TrainingRun run, RunSummary summary)
    {
        var rows = new List<(string, Tagnn.Evaluation.MetricsReport)>();
        var kind = run.Config.Model.Name;
        var test = Tagnn.Evaluation.MetricsReport.FromDictionary(summary.TestExamples, summary.Test);
        rows.Add((kind, test));
        foreach (var (name, baseline) in summary.Baselines) rows.Add((name.ToUpperInvariant(), TrainingCli.Report(baseline, summary.TestExamples)));
        AnsiConsole.Write(TrainingCli.MetricsTable(rows));
        var headline = $"[bold]{kind}: P@20 {TrainingCli.Pct(summary.HitRate20)}  MRR@20 {TrainingCli.Pct(summary.Mrr20)}[/]";
        foreach (var (name, b) in summary.Baselines)
            headline += $"   [grey]{name.ToUpperInvariant()}: P@20 {TrainingCli.Pct(b.HitRate20)}  MRR@20 {TrainingCli.Pct(b.Mrr20)}[/]";
        AnsiConsole.MarkupLine(headline);
        AnsiConsole.MarkupLine((summary.Protocol == SelectionProtocol.Reference ? "[yellow]" : "[grey]") + SelectionNote.For(summary, run.Config).EscapeMarkup() + "[/]");
        AnsiConsole.MarkupLine($"[grey]The table shows {kind} at epoch {summary.SelectedEpoch}" +
            (summary.Protocol == SelectionProtocol.Reference && summary.Mrr20Epoch != summary.SelectedEpoch
                ? $" (its best P@20); the best MRR@20 comes from epoch {summary.Mrr20Epoch}.[/]" : ".[/]"));
        AnsiConsole.MarkupLine($"[grey]{summary.EpochsTrained} epoch(s){(summary.StoppedEarly ? " (patience ran out)" : "")}, " +
            $"{summary.Timings.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture)} s training + {summary.Timings.EvalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s evaluation; " +
            $"written to {run.Folder.Directory.EscapeMarkup()}[/]");
    }
}
