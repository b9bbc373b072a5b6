using Tagnn.Model.Parts;

namespace Tagnn.Model.Variants;

/// <summary>What a part's factory (<see cref="Part"/>) knows when the model is assembled.</summary>
/// <param name="Config">The base configuration (d, GNN steps, formulation, item table size, ...).</param>
public sealed record PartContext(ModelConfig Config)
{
    /// <summary>d.</summary>
    public int HiddenSize => Config.HiddenSize;

    /// <summary>n + 1: rows of the item table.</summary>
    public int ItemTableSize => Config.ItemTableSize;

    /// <summary>Propagation steps of the graph encoder.</summary>
    public int GnnSteps => Config.GnnSteps;

    /// <summary>Whether the model has a target attention (the combiner's target part).</summary>
    public bool HasTarget => Config.TargetAttention;

    /// <summary>The readout already built (null while the readout itself is being built): a combiner sizes itself by
    /// its <see cref="ISessionReadout.HasLocal"/> and <see cref="ISessionReadout.HasGlobal"/>.</summary>
    public ISessionReadout? Readout { get; init; }

    /// <summary>Whether the readout gives s_local (false while the readout is being built).</summary>
    public bool HasLocal => Readout?.HasLocal ?? false;

    /// <summary>Whether the readout gives s_global (false while the readout is being built).</summary>
    public bool HasGlobal => Readout?.HasGlobal ?? false;
}
