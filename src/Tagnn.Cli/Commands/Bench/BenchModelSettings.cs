using System.ComponentModel;
using Spectre.Console.Cli;
using Tagnn.Model.Baselines;

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
    [Description("Items N (default 43097, Diginetica; 37483 is Yoochoose, the item table of both fractions).")]
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
    [Description("fused (the hand-written backward, default), exact (the autograd rewrite, ExactTargetScorer) or generic (the path a " +
        "variant's target attention takes when it is not keyed: chunks over items, recomputed in the backward pass, ChunkedTargetScorer; docs/VARIANTS.md).")]
    public string Scorer { get; init; } = "fused";

    /// <summary>Fused scorer: items per chunk.</summary>
    [CommandOption("--chunk-items <N>")]
    [Description("Fused scorer: items per chunk; forces chunking (recomputation in the backward pass). Default: chunk only when the kept buffer would exceed --max-saved-mb. " +
        "Generic scorer: items per chunk (default: chunks whose (B, C, d) tensor takes 16 MiB).")]
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
        if (Scorer is not ("fused" or "exact" or "generic")) return Spectre.Console.ValidationResult.Error($"--scorer must be fused, exact or generic, not '{Scorer}'.");
        if (Kernel is not ("auto" or "cpu" or "tensor")) return Spectre.Console.ValidationResult.Error($"--kernel must be auto, cpu or tensor, not '{Kernel}'.");
        return Spectre.Console.ValidationResult.Success();
    }

    /// <summary>The padding length in force.</summary>
    public int EffectivePadLength => PadLength ?? Length;

    /// <summary>Whether the model is TAGNN or SR-GNN (the fused scorer's options apply).</summary>
    public bool IsSessionGnn => Model is "tagnn" or "srgnn";
}
