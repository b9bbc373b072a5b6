using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Cli.Commands.Training;
using Tagnn.Data;
using Tagnn.Experiments;
using Tagnn.Training;

namespace Tagnn.Cli.Commands.Experiments;

/// <summary>
/// <c>tagnn table1</c>: trains and evaluates every model of the TAGNN paper's Table 1 and four strong simple baselines
/// on one prepared dataset (default: the bundled sample), with a progress display per model, and writes
/// <c>table1.csv</c>, <c>table1.md</c>, <c>table1.json</c> and every run folder (docs/TABLE1.md).
/// </summary>
public sealed class Table1Command : Command<Table1Command.Settings>
{
    /// <summary>Options of <c>tagnn table1</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The prepared folder.</summary>
        [CommandOption("-d|--data <DIR>")]
        [Description("A prepared dataset folder (tagnn preprocess). Default: the bundled sample, " + SampleData.PreparedRelativePath + ".")]
        public string? Data { get; init; }

        /// <summary>Models.</summary>
        [CommandOption("-m|--models <LIST>")]
        [Description("Comma-separated models, from pop,spop,itemknn,bprmf,fpmc,gru4rec,narm,stamp,srgnn,tagnn,sknn,vsknn,stan,sr. Default: every model this build can run.")]
        public string? Models { get; init; }

        /// <summary>Seeds per neural model.</summary>
        [CommandOption("--seeds <N>")]
        [Description("Seeds per neural model (default 1); seed k is --seed + k. The table reports the mean and the sample standard deviation over seeds.")]
        public int Seeds { get; init; } = 1;

        /// <summary>The first seed.</summary>
        [CommandOption("-s|--seed <SEED>")]
        [Description("The first seed (default 2020).")]
        public long Seed { get; init; } = new TrainingOptions().Seed;

        /// <summary>reference or validation.</summary>
        [CommandOption("--protocol <NAME>")]
        [Description("reference (default: each neural model's best test P@20 and best test MRR@20 over the epochs, as the paper reports: selected on the test set, optimistic) or validation (10% of the training sessions pick the epoch; the test set is scored once).")]
        public string Protocol { get; init; } = "reference";

        /// <summary>Epochs.</summary>
        [CommandOption("-e|--epochs <N>")]
        [Description("Epochs of the neural models: a number, reference (30, patience 10) or sample (2). Default: sample on the bundled sample (the whole table in minutes), reference on any other data.")]
        public string? Epochs { get; init; }

        /// <summary>Smoke mode: train subset.</summary>
        [CommandOption("--max-train <N>")]
        [Description("Smoke mode: at most N training examples (whole sessions from the start of the training set).")]
        public int? MaxTrain { get; init; }

        /// <summary>Smoke mode: test subset.</summary>
        [CommandOption("--max-test <N>")]
        [Description("Smoke mode: at most N test examples (whole sessions).")]
        public int? MaxTest { get; init; }

        /// <summary>Output folder.</summary>
        [CommandOption("-o|--output <DIR>")]
        [Description("Where the table and the run folders go (default " + Table1Defaults.OutputRoot + "/<data name>, with -validation, -train<N>, -test<N> for those options). Running again with the same output skips what is done and continues what is not.")]
        public string? Output { get; init; }

        /// <summary>Device.</summary>
        [CommandOption("--device <DEVICE>")]
        [Description("auto (default), cpu or cuda, for the neural models. Also read from TAGNN_DEVICE.")]
        public string? Device { get; init; }

        /// <summary>Threads.</summary>
        [CommandOption("-t|--threads <T>")]
        [Description("libtorch intra-op threads, and the threads scoring the baselines (default: libtorch's choice; one per core for the baselines).")]
        public int? Threads { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (Seeds < 1) return ValidationResult.Error("--seeds must be at least 1.");
            if (Threads is < 1) return ValidationResult.Error("--threads must be positive.");
            if (MaxTrain is < 1 || MaxTest is < 1) return ValidationResult.Error("--max-train and --max-test must be positive.");
            try
            {
                if (Epochs is not null) EpochPreset.Parse(Epochs);
                ModelCatalog.Default.Select(ModelCatalog.ParseList(Models));
                TrainingCli.Parse("--protocol", Protocol, ("reference", SelectionProtocol.Reference), ("validation", SelectionProtocol.Validation));
            }
            catch (ArgumentException e)
            {
                return ValidationResult.Error(e.Message);
            }
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => TrainingCli.Run(() =>
    {
        var clock = Stopwatch.StartNew();
        var device = TrainingCli.Setup(settings.Device, settings.Threads);
        var data = settings.Data ?? SampleData.PreparedPath;
        var protocol = TrainingCli.Parse("--protocol", settings.Protocol, ("reference", SelectionProtocol.Reference), ("validation", SelectionProtocol.Validation));
        var epochs = settings.Epochs is null ? EpochPreset.For(Table1Defaults.IsSample(data)) : EpochPreset.Parse(settings.Epochs);
        var options = new Table1Options
        {
            Data = data,
            Output = settings.Output ?? Table1Defaults.Output(data, protocol, settings.MaxTrain, settings.MaxTest),
            Models = ModelCatalog.ParseList(settings.Models),
            Seeds = settings.Seeds,
            BaseSeed = settings.Seed,
            Protocol = protocol,
            Epochs = epochs,
            MaxTrainExamples = settings.MaxTrain,
            MaxTestExamples = settings.MaxTest,
            BaselineThreads = settings.Threads ?? 0,
            Device = device.Device,
            DeviceRecord = TrainingCli.Describe(device),
            Command = "tagnn " + string.Join(' ', context.Arguments),
        };
        if (settings.Models is null && ModelCatalog.Default.Unavailable.Count > 0)
        {
            AnsiConsole.MarkupLine($"[grey]not in this build, so not in the table: {string.Join(", ", ModelCatalog.Default.Unavailable.Select(u => u.Name))}[/]");
        }
        var runner = new Table1Runner(options, ModelCatalog.Default, new Table1Display());

        // Ctrl+C stops between two batches (or scoring chunks); finished runs and checkpointed epochs stay.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }
        Console.CancelKeyPress += OnCancel;
        try
        {
            var table = runner.Run(stop.Token);
            Table1Display.Summary(table, runner.Folder, clock.Elapsed);
            var failed = table.Rows.Where(r => r.Status is Table1Status.Failed or Table1Status.Partial).ToList();
            if (failed.Count == 0) return 0;
            AnsiConsole.MarkupLine($"[red]{failed.Count} model(s) failed:[/] {string.Join(", ", failed.Select(r => r.Model)).EscapeMarkup()} " +
                "(their rows say why; run the command again to retry them).");
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine($"[yellow]stopped.[/] Finished runs and every completed epoch are kept in {runner.Folder.Directory.EscapeMarkup()}; " +
                "run the same command again to continue.");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    });
}
