using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Data;
using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Cli.Commands.Bench;

/// <summary>
/// <c>tagnn bench batches</c>: how long the training loop waits for a batch (graph building and tensor copies),
/// with and without the background prefetcher, optionally while a real training step runs between batches.
/// Prints one JSON line per configuration.
/// </summary>
public sealed class BenchBatchesCommand : Command<BenchBatchesCommand.Settings>
{
    /// <summary>Options of <c>tagnn bench batches</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>A prepared dataset folder; its train set is batched. Default: random prefixes.</summary>
        [CommandOption("--data <DIR>")]
        [Description("A prepared dataset folder (tagnn preprocess); its train examples are batched. Default: random prefixes (see --examples, --items, --max-length).")]
        public string? Data { get; init; }

        /// <summary>Random examples to generate when no --data is given.</summary>
        [CommandOption("--examples <N>")]
        [Description("Random examples when no --data is given (default 20000).")]
        public int Examples { get; init; } = 20_000;

        /// <summary>Item count of the random examples.</summary>
        [CommandOption("--items <N>")]
        [Description("Items of the random examples (default 43097, Diginetica).")]
        public int Items { get; init; } = 43_097;

        /// <summary>Longest random prefix (the dataset-wide padding length).</summary>
        [CommandOption("--max-length <L>")]
        [Description("Longest random prefix, hence the dataset-wide padding length (default 69: Diginetica's train set pads to 69).")]
        public int MaxLength { get; init; } = 69;

        /// <summary>Mean extra length of the random prefixes (exponential tail).</summary>
        [CommandOption("--mean-length <M>")]
        [Description("Random prefix lengths are 1 + an exponential tail of this mean, capped at --max-length (default 4: about Diginetica's average).")]
        public double MeanLength { get; init; } = 4;

        /// <summary>Examples per batch.</summary>
        [CommandOption("--batch <B>")]
        [Description("Examples per batch (default 100).")]
        public int Batch { get; init; } = 100;

        /// <summary>Batches to time per configuration.</summary>
        [CommandOption("--batches <K>")]
        [Description("Batches timed per configuration (default 60).")]
        public int Batches { get; init; } = 60;

        /// <summary>A training step to run between batches: none, srgnn or tagnn.</summary>
        [CommandOption("--step <MODEL>")]
        [Description("Run a real training step (forward, backward, Adam; reference formulation, d 100) between batches: none, srgnn or tagnn (default none).")]
        public string Step { get; init; } = "none";

        /// <summary>libtorch threads.</summary>
        [CommandOption("--threads <T>")]
        [Description("libtorch intra-op threads (default 2).")]
        public int Threads { get; init; } = 2;

        /// <inheritdoc />
        public override ValidationResult Validate() => OptionChecks.First(
            OptionChecks.AtLeast("--examples", Examples, 1),
            OptionChecks.AtLeast("--items", Items, 1),
            OptionChecks.AtLeast("--max-length", MaxLength, 1),
            OptionChecks.InRange("--mean-length", MeanLength, "[0, infinity)", m => m >= 0 && double.IsFinite(m)),
            OptionChecks.AtLeast("--batch", Batch, 1),
            OptionChecks.AtLeast("--batches", Batches, 1),
            OptionChecks.AtLeast("--threads", Threads, 1),
            Step is "none" or "srgnn" or "tagnn" ? ValidationResult.Success() : ValidationResult.Error($"--step must be none, srgnn or tagnn, not '{Step}'."));
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TorchRuntime.SetThreads(settings.Threads);
        var prepared = settings.Data is null ? null : PreparedDataset.Load(settings.Data);
        var dataset = prepared?.Train ?? Synthetic(settings);
        var items = prepared?.Items.Count ?? settings.Items;
        SessionModel? model = settings.Step switch
        {
            "none" => null,
            "srgnn" => ModelFactory.Create(ModelConfig.ForSrGnn(items + 1), seed: 1),
            "tagnn" => ModelFactory.Create(ModelConfig.ForTagnn(items + 1), seed: 1),
            _ => throw new ArgumentException($"--step must be none, srgnn or tagnn, not '{settings.Step}'."),
        };
        var adam = model is null ? null : optim.Adam(model.parameters(), lr: 1e-3, weight_decay: 1e-5);
        var meanLength = (double)dataset.PrefixItems.Length / dataset.Count;
        AnsiConsole.MarkupLine($"[grey]{dataset.Count} examples, mean prefix {meanLength:F1}, longest prefix {dataset.MaxPrefixLength}, batch {settings.Batch}, step {settings.Step}, {settings.Threads} threads[/]");

        foreach (var padding in new[] { PaddingPolicy.Dataset, PaddingPolicy.Batch })
        {
            foreach (var prefetch in new[] { false, true })
            {
                var batcher = new SessionBatcher(dataset, new BatcherOptions(settings.Batch, padding, Shuffle: true, Seed: 1, Prefetch: prefetch));
                var waits = new List<double>();
                var steps = new List<double>();
                var clock = Stopwatch.StartNew();
                using var enumerator = batcher.Batches(0).GetEnumerator();
                for (var k = 0; k < Math.Min(settings.Batches + 1, batcher.BatchCount); k++)
                {
                    var start = clock.Elapsed.TotalMilliseconds;
                    if (!enumerator.MoveNext()) break;
                    var waited = clock.Elapsed.TotalMilliseconds - start;
                    using var batch = enumerator.Current;
                    var stepStart = clock.Elapsed.TotalMilliseconds;
                    if (model is not null)
                    {
                        using var scope = NewDisposeScope();
                        adam!.zero_grad();
                        model.Loss(batch).backward();
                        adam.step();
                    }
                    var stepped = clock.Elapsed.TotalMilliseconds - stepStart;
                    if (k == 0) continue; // warm-up
                    waits.Add(waited);
                    steps.Add(stepped);
                }
                var line = new Dictionary<string, object>
                {
                    ["padding"] = padding.ToString().ToLowerInvariant(),
                    ["prefetch"] = prefetch,
                    ["step"] = settings.Step,
                    ["batch"] = settings.Batch,
                    ["pad_length"] = batcher.PadLength,
                    ["batches"] = waits.Count,
                    ["wait_ms_median"] = Math.Round(Median(waits), 3),
                    ["wait_ms_p90"] = Math.Round(Percentile(waits, 0.9), 3),
                    ["step_ms_median"] = Math.Round(Median(steps), 1),
                    ["threads"] = settings.Threads,
                };
                Console.WriteLine(JsonSerializer.Serialize(line));
            }
        }
        return 0;
    }

    private static SessionDataset Synthetic(Settings settings)
    {
        // Prefix lengths roughly like Diginetica's augmented train set (most are short, a long tail up to
        // --max-length), items uniform over the catalogue with repeats inside a session.
        var random = new Random(42);
        var examples = new List<(int, IReadOnlyList<int>)>(settings.Examples);
        for (var i = 0; i < settings.Examples; i++)
        {
            var length = i == 0 ? settings.MaxLength : Math.Min(settings.MaxLength, 1 + (int)(-Math.Log(1 - random.NextDouble()) * settings.MeanLength));
            var prefix = new int[length];
            for (var p = 0; p < length; p++)
                prefix[p] = p > 0 && random.NextDouble() < 0.2 ? prefix[random.Next(p)] : random.Next(1, settings.Items + 1);
            examples.Add((random.Next(1, settings.Items + 1), prefix));
        }
        return SessionDataset.FromExamples(examples);
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }
}
