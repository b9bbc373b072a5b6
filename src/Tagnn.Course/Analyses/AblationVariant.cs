using Tagnn.Model;

namespace Tagnn.Course;

/// <summary>One model of the readout ablation (<see cref="AblationStudy.Figure2Variants"/>: the TAGNN paper's Figure 2,
/// readouts without target attention and TAGNN; <see cref="AblationStudy.ExtensionVariants"/>: the readouts with target
/// attention, and SR-GNN).</summary>
/// <param name="Name">Display name, e.g. <c>TAGNN-L</c> (the paper's: local readout, no target attention) or
/// <c>TAGNN-L + target att.</c>.</param>
/// <param name="Kind">TAGNN or SR-GNN.</param>
/// <param name="Readout">The session readout.</param>
/// <param name="TargetAttention">Whether target attention (Eq. 6-7) is on.</param>
public sealed record AblationVariant(string Name, ModelKind Kind, ReadoutKind Readout, bool TargetAttention)
{
    /// <summary>The readout's short name: L, Avg, Att or L+Att.</summary>
    public string ReadoutName => Readout switch
    {
        ReadoutKind.Local => "L",
        ReadoutKind.Average => "Avg",
        ReadoutKind.Attentive => "Att",
        _ => "L+Att",
    };

    /// <summary>The model configuration for an item table of <paramref name="itemTableSize"/> rows (reference
    /// formulation, d 100, one GNN step).</summary>
    public ModelConfig Config(int itemTableSize) =>
        (Kind == ModelKind.SrGnn ? ModelConfig.ForSrGnn(itemTableSize) : ModelConfig.ForTagnn(itemTableSize)) with
        {
            Readout = Readout,
            TargetAttention = Kind != ModelKind.SrGnn && TargetAttention,
        };

    /// <summary>The <c>tagnn train</c> options that train this variant (add <c>--epochs</c>, <c>--seed</c>, ...).</summary>
    public string CliArguments => Kind == ModelKind.SrGnn
        ? "--model srgnn"
        : $"--readout {Readout switch { ReadoutKind.Local => "local", ReadoutKind.Average => "average", ReadoutKind.Attentive => "attentive", _ => "local-attentive" }} " +
          $"--target-attention {(TargetAttention ? "on" : "off")}";

    /// <inheritdoc />
    public override string ToString() => Name;
}
