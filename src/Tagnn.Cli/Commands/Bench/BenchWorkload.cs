using System.ComponentModel;
using System.Globalization;
using Spectre.Console.Cli;
using Tagnn.Data;
using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Baselines;
using Tagnn.Model.Scoring;
using Tagnn.Runtime;
using static TorchSharp.torch;

namespace Tagnn.Cli.Commands.Bench;

/// <summary>The model and workload options shared by <c>bench train-step</c> and <c>bench eval</c>.</summary>
public class BenchModelSettings : CommandSettings
{
    /// <summary>tagnn, srgnn or a neural baseline.</summary>
    [CommandOption("--model <MODEL>")]
    [Description("tagnn (default), srgnn, or a neural baseline: gru4rec, narm, stamp, bprmf, fpmc (default settings, d = --dim).")]
    public string Model { get; init; } = "tagnn";

    /// <summary>bprmf / fpmc: training sessions (rows of the session factors).</summary>
    [CommandOption("--sessions <S>")]
    [Description("bprmf and fpmc: training sessions, one factor row each (default 186670, Diginetica's under the reference preprocessing). " +
        "Their workload is S random sessions of max(2, min-length) to length + 1 clicks, augmented as the reference does; the steps take its first batches.")]
    public int Sessions { get; init; } = 186_670;

    /// <summary>N: candidate items.</summary>
    [CommandOption("--items <N>")]
    [Description("Items N (default 43097, Diginetica; 37483 is Yoochoose-1/4).")]
    public int Items { get; init; } = 43_097;

    /// <summary>B.</summary>
    [CommandOption("--batch <B>")]
    [Description("Examples per batch (default 100).")]
    public int Batch { get; init; } = 100;

    /// <summary>d.</summary>
    [CommandOption("--dim <D>")]
    [Description("Hidden size d (default 100).")]
    public int Dim { get; init; } = 100;

    /// <summary>Longest random prefix.</summary>
    [CommandOption("--length <L>")]
    [Description("Longest random prefix in clicks (default 10).")]
    public int Length { get; init; } = 10;

    /// <summary>Shortest random prefix.</summary>
    [CommandOption("--min-length <M>")]
    [Description("Shortest random prefix in clicks (default 5); lengths are uniform in [min-length, length].")]
    public int MinLength { get; init; } = 5;

    /// <summary>Probability that a click repeats an earlier item of its prefix.</summary>
    [CommandOption("--repeat-rate <P>")]
    [Description("Probability that a click (after the first) repeats an earlier item of its prefix (default 0.1).")]
    public double RepeatRate { get; init; } = 0.1;

    /// <summary>The dataset-wide padding length the reference semantics follow.</summary>
    [CommandOption("--pad-length <P>")]
    [Description("Dataset-wide padding length P (the reference pads every prefix to the dataset's longest; default = --length). Diginetica's train set pads to 69-70.")]
    public int? PadLength { get; init; }

    /// <summary>batch or dataset.</summary>
    [CommandOption("--padding <POLICY>")]
    [Description("batch (pad to the batch's longest prefix, the padding's share added analytically; default) or dataset (build the reference's P-long tensors).")]
    public string Padding { get; init; } = "batch";

    /// <summary>reference, paper or masked.</summary>
    [CommandOption("--formulation <F>")]
    [Description("reference (default), paper or masked.")]
    public string Formulation { get; init; } = "reference";

    /// <summary>fused or exact.</summary>
    [CommandOption("--scorer <SCORER>")]
    [Description("fused (the hand-written backward, default) or exact (the autograd rewrite, ExactTargetScorer).")]
    public string Scorer { get; init; } = "fused";

    /// <summary>Fused scorer: items per chunk.</summary>
    [CommandOption("--chunk-items <N>")]
    [Description("Fused scorer: items per chunk; forces chunking (recomputation in the backward pass). Default: chunk only when the kept buffer would exceed --max-saved-mb.")]
    public int? ChunkItems { get; init; }

    /// <summary>Fused scorer: largest kept buffer.</summary>
    [CommandOption("--max-saved-mb <MB>")]
    [Description("Fused scorer: largest (2U, N) buffer kept for the backward pass, in MiB (default 1024).")]
    public long? MaxSavedMb { get; init; }

    /// <summary>Fused scorer: kernel.</summary>
    [CommandOption("--kernel <KERNEL>")]
    [Description("Fused scorer: auto (default), cpu or tensor.")]
    public string Kernel { get; init; } = "auto";

    /// <summary>Timed steps.</summary>
    [CommandOption("--steps <S>")]
    [Description("Timed steps (default 10).")]
    public int Steps { get; init; } = 10;

    /// <summary>Untimed warm-up steps.</summary>
    [CommandOption("--warmup <W>")]
    [Description("Warm-up steps, not timed (default 2).")]
    public int Warmup { get; init; } = 2;

    /// <summary>libtorch threads.</summary>
    [CommandOption("--threads <T>")]
    [Description("libtorch intra-op threads (default 2).")]
    public int Threads { get; init; } = 2;

    /// <summary>glibc's mmap threshold in MiB, 0 for glibc's default.</summary>
    [CommandOption("--mmap-threshold-mb <MB>")]
    [Description("Allocations of at least this many MiB are mapped and unmapped on their own, so freed tensors leave the resident memory at once (Tagnn.Runtime.NativeMemory; 1-32); costs a page fault per page of each such tensor. 0 keeps glibc's default (default).")]
    public int MmapThresholdMb { get; init; }

    /// <summary>Run a full garbage collection every K steps (0: never).</summary>
    [CommandOption("--gc-every <K>")]
    [Description("Run a full .NET garbage collection (and wait for finalizers) every K steps, inside the timed step (default 1; 0 never). Small native objects that TorchSharp frees only in finalizers otherwise pile up between the large tensors in glibc's heap, and the resident memory creeps up step after step.")]
    public int GcEvery { get; init; } = 1;

    /// <summary>Seed of the workload and the weights.</summary>
    [CommandOption("--seed <SEED>")]
    [Description("Seed of the random prefixes and the initial weights (default 1).")]
    public int Seed { get; init; } = 1;

    /// <inheritdoc />
    public override Spectre.Console.ValidationResult Validate()
    {
        if (Model is not ("tagnn" or "srgnn") && !NeuralBaselines.IsName(Model))
            return Spectre.Console.ValidationResult.Error($"--model must be tagnn, srgnn, {string.Join(", ", NeuralBaselines.Names)}; not '{Model}'.");
        if (Sessions < 1) return Spectre.Console.ValidationResult.Error("--sessions must be positive.");
        if (Items < 1 || Batch < 1 || Dim < 1 || Steps < 1 || Warmup < 0 || Threads < 1)
            return Spectre.Console.ValidationResult.Error("--items, --batch, --dim, --steps and --threads must be positive, --warmup >= 0.");
        if (MinLength < 1 || Length < MinLength) return Spectre.Console.ValidationResult.Error($"Need 1 <= --min-length ({MinLength}) <= --length ({Length}).");
        if (PadLength is { } p && p < Length) return Spectre.Console.ValidationResult.Error($"--pad-length ({p}) must be at least --length ({Length}).");
        if (GcEvery < 0) return Spectre.Console.ValidationResult.Error("--gc-every must be >= 0.");
        if (MmapThresholdMb is < 0 or > 32) return Spectre.Console.ValidationResult.Error("--mmap-threshold-mb must be in 0..32.");
        if (RepeatRate is < 0 or > 1) return Spectre.Console.ValidationResult.Error("--repeat-rate must be in [0, 1].");
        if (Padding is not ("batch" or "dataset")) return Spectre.Console.ValidationResult.Error($"--padding must be batch or dataset, not '{Padding}'.");
        if (Formulation is not ("reference" or "paper" or "masked")) return Spectre.Console.ValidationResult.Error($"--formulation must be reference, paper or masked, not '{Formulation}'.");
        if (Scorer is not ("fused" or "exact")) return Spectre.Console.ValidationResult.Error($"--scorer must be fused or exact, not '{Scorer}'.");
        if (Kernel is not ("auto" or "cpu" or "tensor")) return Spectre.Console.ValidationResult.Error($"--kernel must be auto, cpu or tensor, not '{Kernel}'.");
        return Spectre.Console.ValidationResult.Success();
    }

    /// <summary>The padding length in force.</summary>
    public int EffectivePadLength => PadLength ?? Length;

    /// <summary>Whether the model is TAGNN or SR-GNN (the fused scorer's options apply).</summary>
    public bool IsSessionGnn => Model is "tagnn" or "srgnn";
}

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
