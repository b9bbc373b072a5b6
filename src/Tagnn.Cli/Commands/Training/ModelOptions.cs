using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Model;

namespace Tagnn.Cli.Commands.Training;

/// <summary>The options that define a model (shared by <c>tagnn train</c> and <c>tagnn evaluate --weights</c>).</summary>
public class ModelOptions : CommandSettings
{
    /// <summary>tagnn or srgnn.</summary>
    [CommandOption("-m|--model <KIND>")]
    [Description("tagnn (default) or srgnn.")]
    public string Model { get; init; } = "tagnn";

    /// <summary>The readout variant.</summary>
    [CommandOption("--readout <KIND>")]
    [Description("Session readout (TAGNN paper, Figure 2): local (TAGNN-L), average (TAGNN-Avg), attentive (TAGNN-Att) or local-attentive (L+Att, the full models; default).")]
    public string Readout { get; init; } = "local-attentive";

    /// <summary>Target attention on or off.</summary>
    [CommandOption("--target-attention <ON|OFF>")]
    [Description("Target attention (Eq. 6-7): on or off. Default: on for tagnn, off for srgnn.")]
    public string? TargetAttention { get; init; }

    /// <summary>reference, paper or masked.</summary>
    [CommandOption("--formulation <NAME>")]
    [Description("reference (exactly the authors' code; default), paper (Eq. 10 as written: W3 over [[target; local; global]]) or masked (softmaxes over real positions only).")]
    public string Formulation { get; init; } = "reference";

    /// <summary>d.</summary>
    [CommandOption("--hidden <D>")]
    [Description("Hidden size d (default 100, the reference's).")]
    public int Hidden { get; init; } = 100;

    /// <summary>GNN steps.</summary>
    [CommandOption("--gnn-steps <K>")]
    [Description("Propagation steps of the gated graph cell (default 1, the reference's).")]
    public int GnnSteps { get; init; } = 1;

    /// <inheritdoc />
    /// <remarks>Range checks name the options (the library's own checks name its properties).</remarks>
    public override ValidationResult Validate() =>
        OptionChecks.First(
            OptionChecks.AtLeast("--hidden", Hidden, 1),
            OptionChecks.AtLeast("--gnn-steps", GnnSteps, 1));

    /// <summary>The model configuration these options describe for an item table of <paramref name="itemTableSize"/> rows.</summary>
    public ModelConfig ToConfig(int itemTableSize)
    {
        var kind = TrainingCli.Parse("--model", Model, ("tagnn", ModelKind.Tagnn), ("srgnn", ModelKind.SrGnn), ("sr-gnn", ModelKind.SrGnn));
        var readout = TrainingCli.Parse("--readout", Readout, ("local", ReadoutKind.Local), ("average", ReadoutKind.Average),
            ("attentive", ReadoutKind.Attentive), ("local-attentive", ReadoutKind.LocalAttentive));
        var formulation = TrainingCli.Parse("--formulation", Formulation, ("reference", Tagnn.Model.Formulation.Reference),
            ("paper", Tagnn.Model.Formulation.Paper), ("masked", Tagnn.Model.Formulation.Masked));
        var published = ModelConfig.For(kind, itemTableSize, formulation);
        var target = TargetAttention is null ? published.TargetAttention
            : TrainingCli.Parse("--target-attention", TargetAttention, ("on", true), ("off", false));
        var config = published with
        {
            Readout = readout,
            TargetAttention = target,
            HiddenSize = Hidden,
            GnnSteps = GnnSteps,
        };
        config.Validate();
        return config;
    }
}
