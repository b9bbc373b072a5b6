using System.ComponentModel;
using System.Text.Json;
using Spectre.Console.Cli;
using Tagnn.Cli.Commands.Data;
using Tagnn.Data;
using Tagnn.Evaluation.Baselines;

namespace Tagnn.Cli.Commands.Bench;

/// <summary>
/// <c>tagnn bench baselines</c>: fits each non-neural baseline on a prepared dataset's training set and scores its
/// whole test set, one JSON line per model with the fit and scoring times, the peak resident memory and P@20 /
/// MRR@20. Default data: the Diginetica-sized synthetic log of BENCHMARKS.md, made and preprocessed on first use.
/// </summary>
public sealed class BenchBaselinesCommand : Command<BenchBaselinesCommand.Settings>
{
    /// <summary>The Diginetica-sized synthetic log of BENCHMARKS.md (the same as scripts/bench-preprocess.sh).</summary>
    public const string SynthLog = "artifacts/bench/diginetica/train-item-views.csv", SynthPrepared = "artifacts/bench/diginetica-prepared";

    /// <summary>Options of <c>tagnn bench baselines</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>A prepared folder.</summary>
        [CommandOption("--data <DIR>")]
        [Description("A prepared folder (train.tsv, test.tsv, items.tsv, stats.json). Default: " + SynthPrepared + ", made from the Diginetica-sized synthetic log (" + SynthLog + ": data synth --layout diginetica --seed 1 --sessions 300000 --items 120000 --topics 100 --days 150) when missing.")]
        public string? Data { get; init; }

        /// <summary>Baselines to run.</summary>
        [CommandOption("--models <LIST>")]
        [Description("Comma-separated baselines (default all: pop,spop,itemknn,sknn,vsknn,stan,sr), each with its default hyper-parameters.")]
        public string Models { get; init; } = string.Join(",", BaselineSpec.Names);

        /// <summary>Scoring threads.</summary>
        [CommandOption("--threads <T>")]
        [Description("Threads scoring the test examples (default 2; the results do not depend on it).")]
        public int Threads { get; init; } = 2;

        /// <inheritdoc />
        public override Spectre.Console.ValidationResult Validate()
        {
            if (Threads < 1) return Spectre.Console.ValidationResult.Error("--threads must be positive.");
            foreach (var name in Names)
            {
                if (!BaselineSpec.Names.Contains(name))
                    return Spectre.Console.ValidationResult.Error($"--models: unknown baseline '{name}'; known: {string.Join(", ", BaselineSpec.Names)}.");
            }
            return Spectre.Console.ValidationResult.Success();
        }

        /// <summary>The names of <see cref="Models"/>.</summary>
        public IReadOnlyList<string> Names => [.. Models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant())];
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => CliErrors.Run(() =>
    {
        var data = settings.Data is null ? SyntheticDiginetica() : PreparedDataset.Load(settings.Data);
        var n = data.Items.Count;
        var sessions = data.Train.SessionStarts().Count;
        foreach (var name in settings.Names)
        {
            if (cancellationToken.IsCancellationRequested) return 130;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = BenchWorkload.RssMb();
            var reset = ResetPeak();
            Console.Error.WriteLine($"{name}: fitting on {data.Train.Count:N0} examples, scoring {data.Test.Count:N0}...");
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            BaselineOutcome outcome;
            try
            {
                outcome = BaselineEvaluator.Run(BaselineSpec.Default(name), data.Train, data.Test, n, threads: settings.Threads,
                    cancellationToken: cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 130;
            }
            var line = new Dictionary<string, object?>
            {
                ["bench"] = "baselines",
                ["model"] = name,
                ["spec"] = outcome.Spec.Describe(),
                ["data"] = data.Directory,
                ["items"] = n,
                ["train_sessions"] = sessions,
                ["train_examples"] = data.Train.Count,
                ["test_examples"] = data.Test.Count,
                ["threads"] = settings.Threads,
                ["fit_seconds"] = Math.Round(outcome.FitSeconds, 3),
                ["evaluate_seconds"] = Math.Round(outcome.EvaluateSeconds, 3),
                ["seconds"] = Math.Round(outcome.FitSeconds + outcome.EvaluateSeconds, 3),
                ["test_examples_per_second"] = Math.Round(data.Test.Count / Math.Max(outcome.EvaluateSeconds, 1e-9)),
                ["cpu_seconds"] = Math.Round((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, 3),
                ["peak_rss_mb"] = BenchWorkload.PeakRssMb(),
                ["peak_is_per_model"] = reset,
                ["rss_before_mb"] = before,
                ["p20"] = Math.Round(outcome.Metrics[20].HitRate, 2),
                ["mrr20"] = Math.Round(outcome.Metrics[20].Mrr, 2),
                ["load_average"] = BenchWorkload.LoadAverage(),
            };
            Console.WriteLine(JsonSerializer.Serialize(line));
        }
        return 0;
    });

    /// <summary>Resets the process's peak resident set (Linux: <c>5</c> into <c>/proc/self/clear_refs</c>), so the next
    /// VmHWM reading is this model's peak (including the loaded data and the runtime). False where that is not possible.</summary>
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The prepared Diginetica-sized synthetic dataset, made (log, then preprocessing) when missing.</summary>
    private static PreparedDataset SyntheticDiginetica()
    {
        if (File.Exists(Path.Combine(SynthPrepared, PreparedDataset.StatsFile))) return PreparedDataset.Load(SynthPrepared);
        if (!File.Exists(SynthLog))
        {
            Console.Error.WriteLine($"writing the Diginetica-sized synthetic log {SynthLog} (once)...");
            SyntheticClickLog.Write(SynthLog, new SyntheticClickLogOptions
            {
                Layout = ClickLogLayout.Diginetica,
                Seed = 1,
                Sessions = 300_000,
                Items = 120_000,
                Topics = 100,
                Days = 150,
            }, overwrite: false, writeTruth: false);
        }
        Console.Error.WriteLine($"preprocessing it into {SynthPrepared} (once)...");
        var result = ReferencePreprocessor.Run(ClickLogReader.Read(SynthLog, ClickLogLayout.Diginetica)).Single();
        return result.Save(SynthPrepared);
    }
}
