using Tagnn.Model.Scoring;

namespace Tagnn.Model.Parts;

/// <summary>
/// The parts a <see cref="SessionModel"/> is assembled from (item embedding -> graph encoder -> readout -> combiner,
/// target attention -> scorer). Each part other than the scorer is a TorchSharp <c>nn.Module</c> implementing its
/// interface; <see cref="ModelFactory"/> makes the published ones, a variant (<see cref="Variants.VariantSpec"/>)
/// replaces some.
/// </summary>
public sealed record SessionParts
{
    /// <summary>The item embedding; null: the built-in <c>nn.Embedding</c> (<see cref="TableEmbedding"/>).</summary>
    public IItemEmbedding? Embedding { get; init; }

    /// <summary>The graph encoder (Eq. 1-5: <see cref="GatedGraphCell"/>).</summary>
    public required IGraphEncoder GraphEncoder { get; init; }

    /// <summary>The readout (Eq. 8-9 or a Figure 2 variant).</summary>
    public required ISessionReadout Readout { get; init; }

    /// <summary>The combiner (Eq. 10 or the code's sum).</summary>
    public required ISessionCombiner Combiner { get; init; }

    /// <summary>The target attention (Eq. 6-7), or null (SR-GNN).</summary>
    public ITargetAttention? TargetAttention { get; init; }

    /// <summary>The scorer of a keyed target attention (<see cref="IKeyedTargetAttention"/>); null: a
    /// <see cref="FusedTargetScorer"/> owned by the model.</summary>
    public ITargetScorer? Scorer { get; init; }
}
