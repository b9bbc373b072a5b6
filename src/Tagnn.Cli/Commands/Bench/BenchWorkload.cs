using System.Globalization;
using Tagnn.Data;
using Tagnn.Graphs;
using Tagnn.Model;
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

    /// <summary>Batches of the workload (in order, no prefetching), padded as the settings say.</summary>
    public static SessionBatcher Batcher(BenchModelSettings s, SessionDataset data) =>
        new(data, new BatcherOptions(s.Batch, s.Padding == "dataset" ? PaddingPolicy.Dataset : PaddingPolicy.Batch,
            Shuffle: false, PadLength: s.EffectivePadLength, Prefetch: false));

    /// <summary>The model of the settings, its scorer chosen by <c>--scorer</c>.</summary>
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
    public static Dictionary<string, object?> SettingsFields(BenchModelSettings s, SessionModel model) => new()
    {
        ["model"] = s.Model,
        ["formulation"] = s.Formulation,
        ["scorer"] = model.Config.TargetAttention ? s.Scorer : "none (s E^T)",
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
