namespace Tagnn.Evaluation;

/// <summary>What explains a recommendation.</summary>
public enum ExplanationKind
{
    /// <summary>TAGNN's target attention: for each recommended item, the weight beta of each click of the session
    /// (Eq. 6), i.e. which clicks made the model score this item.</summary>
    TargetAttention,

    /// <summary>No target attention (SR-GNN, or TAGNN with it switched off): only the global attention alpha over the
    /// clicks (Eq. 8), the same for every recommended item.</summary>
    GlobalAttention,

    /// <summary>Neither target attention nor an attentive readout (local or average readout): nothing to show.</summary>
    None,
}
