namespace Tagnn.Model.Variants;

/// <summary>Which part of a <see cref="SessionModel"/> a variant replaces (the interfaces in
/// <c>Tagnn.Model.Parts</c>).</summary>
public enum PartRole
{
    /// <summary><see cref="Parts.IItemEmbedding"/>: the item table and the candidates v_t.</summary>
    ItemEmbedding,

    /// <summary><see cref="Parts.IGraphEncoder"/>: the node states (Eq. 1-5).</summary>
    GraphEncoder,

    /// <summary><see cref="Parts.ISessionReadout"/>: s_local and/or s_global (Eq. 8-9).</summary>
    Readout,

    /// <summary><see cref="Parts.ITargetAttention"/>: s_target^t (Eq. 6-7).</summary>
    TargetAttention,

    /// <summary><see cref="Parts.ISessionCombiner"/>: s_t from the parts (Eq. 10).</summary>
    Combiner,

    /// <summary><see cref="Scoring.ITargetScorer"/>: the scorer of a keyed target attention (Section 2.5).</summary>
    Scorer,
}
