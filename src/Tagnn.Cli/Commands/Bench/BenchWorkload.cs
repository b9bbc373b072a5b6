using System.Globalization;
using Tagnn.Data;
using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Baselines;
using Tagnn.Model.Scoring;
using Tagnn.Runtime;

namespace Tagnn.Cli.Commands.Bench;

/// <summary>Random prefixes, the model, the scorer and the measurements shared by the bench commands.</summary>
internal static class BenchWorkload
{
    /// <summary>
    /// <paramref name="count"/> random examples: prefix lengths uniform in [min, max], clicks uniform over the items,
    /// each click after the first repeating an earlier one of its prefix with probability <c>--repeat-rate</c>.
    /// </summary>
    public static SessionDataset Prefixes(BenchModelSettings s, int count)
    {
        var random = new Random(s.Seed);
        var examples = new List<(int, IReadOnlyList<int>)>(count);
        for (var i = 0; i < count; i++)
        {
            var prefix = new int[random.Next(s.MinLength, s.Length + 1)];
            for (var p = 0; p < prefix.Length; p++)
                prefix[p] = p > 0 && random.NextDouble() < s.RepeatRate ? prefix[random.Next(p)] : random.Next(1, s.Items + 1);
            examples.Add((random.Next(1, s.Items + 1), prefix));
        }
        return SessionDataset.FromExamples(examples);
    }

    /// <summary>
    /// The workload of the settings' model: <see cref="Prefixes"/>, or for the models with session factors (bprmf,
    /// fpmc) <see cref="Sessions"/>, with enough examples for <paramref name="count"/>.
    /// </summary>
    public static SessionDataset Workload(BenchModelSettings s, int count) =>
        NeuralBaselines.HasSessionFactors(s.Model) ? Sessions(s) : Prefixes(s, count);

    /// <summary>
    /// <c>--sessions</c> random sessions of max(2, min-length) to length + 1 clicks (clicks uniform over the items, each
    /// after the first repeating an earlier one with probability <c>--repeat-rate</c>), augmented in the reference's
    /// order (each session's longest prefix first), so that the set has exactly S sessions.
    /// </summary>
    public static SessionDataset Sessions(BenchModelSettings s)
    {
        var random = new Random(s.Seed);
        var examples = new List<(int, IReadOnlyList<int>)>();
        var shortest = Math.Max(2, s.MinLength);
        for (var i = 0; i < s.Sessions; i++)
        {
            var clicks = new int[random.Next(shortest, s.Length + 2)];
            for (var p = 0; p < clicks.Length; p++)
                clicks[p] = p > 0 && random.NextDouble() < s.RepeatRate ? clicks[random.Next(p)] : random.Next(1, s.Items + 1);
            for (var k = clicks.Length - 1; k >= 1; k--) examples.Add((clicks[k], clicks[..k]));
        }
        return SessionDataset.FromExamples(examples);
    }

    /// <summary>Batches of the workload (in order, no prefetching), padded as the settings say.</summary>
    public static SessionBatcher Batcher(BenchModelSettings s, SessionDataset data) =>
        new(data, new BatcherOptions(s.Batch, s.Padding == "dataset" ? PaddingPolicy.Dataset : PaddingPolicy.Batch,
            Shuffle: false, PadLength: s.EffectivePadLength, Prefetch: false));

    /// <summary>
    /// The model of the settings: TAGNN / SR-GNN with the scorer of <c>--scorer</c>, or a neural baseline with its
    /// default settings and d = <c>--dim</c> (bprmf and fpmc bound to <paramref name="workload"/>, which must come from
    /// <see cref="Workload"/>).
    /// </summary>
    public static SessionRecommender Recommender(BenchModelSettings s, SessionDataset workload)
    {
        if (s.IsSessionGnn) return Model(s);
        var spec = NeuralBaselines.Default(s.Model, s.Items + 1) switch
        {
            Gru4RecConfig g => g with { HiddenSize = s.Dim },
            NarmConfig n => n with { HiddenSize = s.Dim },
            StampConfig t => t with { HiddenSize = s.Dim },
            BprMfConfig b => b with { HiddenSize = s.Dim },
            FpmcConfig f => (ModelSpec)(f with { HiddenSize = s.Dim }),
            var other => other,
        };
        var model = spec.Build(s.Seed);
        model.BindTrainingSet(workload);
        return model;
    }

    /// <summary>TAGNN or SR-GNN of the settings, its scorer chosen by <c>--scorer</c>.</summary>
    public static SessionModel Model(BenchModelSettings s)
    {
        var formulation = s.Formulation switch
        {
            "paper" => Tagnn.Model.Formulation.Paper,
            "masked" => Tagnn.Model.Formulation.Masked,
            _ => Tagnn.Model.Formulation.Reference,
        };
        var config = (s.Model == "srgnn" ? ModelConfig.ForSrGnn(s.Items + 1, formulation) : ModelConfig.ForTagnn(s.Items + 1, formulation))
            with { HiddenSize = s.Dim };
        var model = ModelFactory.Create(config, seed: s.Seed);
        if (s.Scorer == "exact") model.Scorer = new ExactTargetScorer();
        else if (s.Scorer == "generic")
        {
            model.ForceGenericTargetPath = true;
            model.GenericScorer = new ChunkedTargetScorer(s.ChunkItems);
        }
        else
        {
            var options = new FusedScorerOptions
            {
                ChunkItems = s.ChunkItems,
                Kernel = s.Kernel switch { "cpu" => ScorerKernel.Cpu, "tensor" => ScorerKernel.Tensor, _ => ScorerKernel.Auto },
            };
            if (s.MaxSavedMb is { } mb) options = options with { MaxSavedBytes = mb << 20 };
            model.Scorer = new FusedTargetScorer(options);
        }
        return model;
    }

    /// <summary>The settings as JSON fields.</summary>
    public static Dictionary<string, object?> SettingsFields(BenchModelSettings s, SessionRecommender model) => new()
    {
        ["model"] = s.Model,
        ["describe"] = model.Spec.Describe(),
        ["formulation"] = s.IsSessionGnn ? s.Formulation : null,
        ["scorer"] = model is SessionModel { Config.TargetAttention: true } ? s.Scorer : "none (s E^T)",
        ["sessions"] = NeuralBaselines.HasSessionFactors(s.Model) ? s.Sessions : null,
        ["items"] = s.Items,
        ["batch"] = s.Batch,
        ["dim"] = s.Dim,
        ["min_length"] = s.MinLength,
        ["length"] = s.Length,
        ["repeat_rate"] = s.RepeatRate,
        ["pad_length"] = s.EffectivePadLength,
        ["padding"] = s.Padding,
        ["chunk_items"] = s.ChunkItems,
        ["max_saved_mb"] = s.MaxSavedMb,
        ["kernel"] = s.Kernel,
        ["threads"] = s.Threads,
        ["steps"] = s.Steps,
        ["warmup"] = s.Warmup,
        ["seed"] = s.Seed,
        ["mmap_threshold_mb"] = s.MmapThresholdMb,
        ["gc_every"] = s.GcEvery,
        ["dtype"] = "float32",
        ["device"] = model.Device.ToString(),
    };

    /// <summary>Sets the threads and glibc's mmap threshold as the settings say.</summary>
    public static void Configure(BenchModelSettings s)
    {
        TorchRuntime.SetThreads(s.Threads);
        if (s.MmapThresholdMb > 0 && !NativeMemory.SetMmapThreshold(s.MmapThresholdMb << 20))
            Console.Error.WriteLine("warning: could not set glibc's mmap threshold (not glibc?); --mmap-threshold-mb ignored.");
    }

    /// <summary>Collects garbage (and runs finalizers) when step <paramref name="step"/> is due under <c>--gc-every</c>.</summary>
    public static void MaybeCollect(BenchModelSettings s, int step)
    {
        if (s.GcEvery <= 0 || (step + 1) % s.GcEvery != 0) return;
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>The process's peak resident set (VmHWM) in MiB, or -1 where /proc is not available.</summary>
    public static double PeakRssMb() => ProcStatus("VmHWM:");

    /// <summary>The process's current resident set (VmRSS) in MiB, or -1.</summary>
    public static double RssMb() => ProcStatus("VmRSS:");

    /// <summary>The system's 1-minute load average, or -1.</summary>
    public static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /// <summary>Rounds to <paramref name="digits"/> decimals.</summary>
    public static double Round(double value, int digits = 1) => Math.Round(value, digits);

    private static double ProcStatus(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
                var kb = long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return Math.Round(kb / 1024.0, 1);
            }
        }
        catch (IOException)
        {
        }
        return -1;
    }
}
