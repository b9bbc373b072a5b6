using Tagnn.Model.Parts;
using Tagnn.Model.Scoring;

namespace Tagnn.Model.Variants;

/// <summary>
/// Replacement parts for <see cref="ModelFactory.Create(ModelConfig, PartOverrides?, ModelSpec?, long, TorchSharp.torch.Device?)"/>:
/// each function is called once, in the model's order, and returns the replacement or null for the built-in part.
/// The combiner and the target attention receive the readout.
/// </summary>
public sealed record PartOverrides
{
    /// <summary>The item embedding.</summary>
    public Func<IItemEmbedding?>? Embedding { get; init; }

    /// <summary>The graph encoder.</summary>
    public Func<IGraphEncoder?>? GraphEncoder { get; init; }

    /// <summary>The readout.</summary>
    public Func<ISessionReadout?>? Readout { get; init; }

    /// <summary>The combiner, given the readout.</summary>
    public Func<ISessionReadout, ISessionCombiner?>? Combiner { get; init; }

    /// <summary>The target attention, given the readout (only when the configuration has target attention).</summary>
    public Func<ISessionReadout, ITargetAttention?>? TargetAttention { get; init; }

    /// <summary>The scorer of a keyed target attention.</summary>
    public Func<ITargetScorer?>? Scorer { get; init; }
}
