using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Model;
using Tagnn.Model.Baselines;

namespace Tagnn.Cli.Commands.Training;

/// <summary>The options that define a model (shared by <c>tagnn train</c> and <c>tagnn evaluate --weights</c>).</summary>
public class ModelOptions : CommandSettings
{
    /// <summary>The models <c>--model</c> accepts.</summary>
    public const string ModelNames = "tagnn, srgnn, gru4rec, narm, stamp, bprmf or fpmc";

    /// <summary>tagnn, srgnn or a neural baseline.</summary>
    [CommandOption("-m|--model <KIND>")]
    [Description("tagnn (default), srgnn, or a neural baseline of the paper's Table 1: gru4rec, narm, stamp, bprmf, fpmc (docs/BASELINES.md).")]
    public string Model { get; init; } = "tagnn";

    /// <summary>The readout variant (TAGNN / SR-GNN).</summary>
    [CommandOption("--readout <KIND>")]
    [Description("TAGNN / SR-GNN only. Session readout (TAGNN paper, Figure 2): local (TAGNN-L), average (TAGNN-Avg), attentive (TAGNN-Att) or local-attentive (L+Att, the full models; default).")]
    public string? Readout { get; init; }

    /// <summary>Target attention on or off (TAGNN / SR-GNN).</summary>
    [CommandOption("--target-attention <ON|OFF>")]
    [Description("TAGNN / SR-GNN only. Target attention (Eq. 6-7): on or off. Default: on for tagnn, off for srgnn.")]
    public string? TargetAttention { get; init; }

    /// <summary>reference, paper or masked (TAGNN / SR-GNN).</summary>
    [CommandOption("--formulation <NAME>")]
    [Description("TAGNN / SR-GNN only. reference (exactly the authors' code; default), paper (Eq. 10 as written: W3 over [[target; local; global]]) or masked (softmaxes over real positions only).")]
    public string? Formulation { get; init; }

    /// <summary>d.</summary>
    [CommandOption("--hidden|--hidden-size <D>")]
    [Description("Hidden size d of every model (default 100, the TAGNN paper's for all experiments).")]
    public int Hidden { get; init; } = 100;

    /// <summary>GNN steps (TAGNN / SR-GNN).</summary>
    [CommandOption("--gnn-steps <K>")]
    [Description("TAGNN / SR-GNN only. Propagation steps of the gated graph cell (default 1, the reference's).")]
    public int? GnnSteps { get; init; }

    /// <summary>The baselines' main dropout.</summary>
    [CommandOption("--dropout <P>")]
    [Description("gru4rec: dropout on the final GRU state (default 0.4); narm: dropout on c_t before the bilinear decoder (default 0.5).")]
    public double? Dropout { get; init; }

    /// <summary>The baselines' input dropout.</summary>
    [CommandOption("--embedding-dropout <P>")]
    [Description("gru4rec and narm: dropout on the item embeddings fed to the GRU (defaults 0 and 0.25).")]
    public double? EmbeddingDropout { get; init; }

    /// <inheritdoc />
    /// <remarks>Range checks name the options (the library's own checks name its properties).</remarks>
    public override ValidationResult Validate() =>
        OptionChecks.First(
            OptionChecks.AtLeast("--hidden", Hidden, 1),
            OptionChecks.AtLeast("--gnn-steps", GnnSteps, 1),
            Dropout is { } p ? OptionChecks.InRange("--dropout", p, "[0, 1)", x => x is >= 0 and < 1) : ValidationResult.Success(),
            EmbeddingDropout is { } e ? OptionChecks.InRange("--embedding-dropout", e, "[0, 1)", x => x is >= 0 and < 1) : ValidationResult.Success());

    /// <summary>Whether <see cref="Model"/> names TAGNN or SR-GNN (the <see cref="ModelConfig"/> family).</summary>
    public bool IsSessionGnn => Model.ToLowerInvariant() is "tagnn" or "srgnn" or "sr-gnn";

    /// <summary>The specification these options describe for an item table of <paramref name="itemTableSize"/> rows.</summary>
    /// <exception cref="ArgumentException">An unknown model, or an option the model does not have.</exception>
    public ModelSpec ToSpec(int itemTableSize)
    {
        if (IsSessionGnn)
        {
            if (Dropout is not null || EmbeddingDropout is not null)
                throw new ArgumentException($"--dropout and --embedding-dropout apply to gru4rec and narm; {Model} has no dropout.");
            return ToConfig(itemTableSize);
        }
        if (!NeuralBaselines.IsName(Model)) throw new ArgumentException($"--model must be {ModelNames}; got '{Model}'.");
        var gnnOnly = new[] { ("--readout", Readout is not null), ("--target-attention", TargetAttention is not null),
            ("--formulation", Formulation is not null), ("--gnn-steps", GnnSteps is not null) }.Where(o => o.Item2).Select(o => o.Item1).ToList();
        if (gnnOnly.Count > 0) throw new ArgumentException($"{string.Join(", ", gnnOnly)} appl{(gnnOnly.Count == 1 ? "ies" : "y")} to tagnn and srgnn only, not {Model}.");
        var spec = NeuralBaselines.Default(Model, itemTableSize);
        if ((Dropout is not null || EmbeddingDropout is not null) && spec is not (Gru4RecConfig or NarmConfig))
            throw new ArgumentException($"--dropout and --embedding-dropout apply to gru4rec and narm; {spec.Name} has no dropout.");
        spec = spec switch
        {
            Gru4RecConfig g => g with { HiddenSize = Hidden, HiddenDropout = Dropout ?? g.HiddenDropout, EmbeddingDropout = EmbeddingDropout ?? g.EmbeddingDropout },
            NarmConfig n => n with { HiddenSize = Hidden, ContextDropout = Dropout ?? n.ContextDropout, EmbeddingDropout = EmbeddingDropout ?? n.EmbeddingDropout },
            StampConfig s => s with { HiddenSize = Hidden },
            BprMfConfig b => b with { HiddenSize = Hidden },
            FpmcConfig f => f with { HiddenSize = Hidden },
            _ => spec,
        };
        spec.Validate();
        return spec;
    }

    /// <summary>The TAGNN / SR-GNN configuration these options describe for an item table of
    /// <paramref name="itemTableSize"/> rows.</summary>
    /// <exception cref="ArgumentException">The model is not tagnn or srgnn, or a setting is invalid.</exception>
    public ModelConfig ToConfig(int itemTableSize)
    {
        if (NeuralBaselines.IsName(Model))
            throw new ArgumentException($"{Model} is not TAGNN or SR-GNN: reference-named weights (--weights) exist for tagnn and srgnn only; evaluate a baseline's run with --run.");
        var kind = TrainingCli.Parse("--model", Model, ("tagnn", ModelKind.Tagnn), ("srgnn", ModelKind.SrGnn), ("sr-gnn", ModelKind.SrGnn));
        var readout = TrainingCli.Parse("--readout", Readout ?? "local-attentive", ("local", ReadoutKind.Local), ("average", ReadoutKind.Average),
            ("attentive", ReadoutKind.Attentive), ("local-attentive", ReadoutKind.LocalAttentive));
        var formulation = TrainingCli.Parse("--formulation", Formulation ?? "reference", ("reference", Tagnn.Model.Formulation.Reference),
            ("paper", Tagnn.Model.Formulation.Paper), ("masked", Tagnn.Model.Formulation.Masked));
        var published = ModelConfig.For(kind, itemTableSize, formulation);
        var target = TargetAttention is null ? published.TargetAttention
            : TrainingCli.Parse("--target-attention", TargetAttention, ("on", true), ("off", false));
        var config = published with
        {
            Readout = readout,
            TargetAttention = target,
            HiddenSize = Hidden,
            GnnSteps = GnnSteps ?? 1,
        };
        config.Validate();
        return config;
    }
}
