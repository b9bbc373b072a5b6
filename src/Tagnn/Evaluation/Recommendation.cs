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

/// <summary>A click of the session as the model saw it.</summary>
/// <param name="Position">0-based position in the session (after unknown ids were dropped).</param>
/// <param name="ItemId">The item's id (1..n).</param>
/// <param name="OriginalId">The item's id in the click log.</param>
public sealed record SessionClick(int Position, int ItemId, string OriginalId);

/// <summary>An attention weight on one click.</summary>
/// <param name="Position">The click's position (see <see cref="SessionClick.Position"/>).</param>
/// <param name="OriginalId">The clicked item's original id.</param>
/// <param name="Weight">The weight (beta or alpha).</param>
public sealed record ClickWeight(int Position, string OriginalId, double Weight);

/// <summary>One recommended item.</summary>
/// <param name="Rank">1-based rank.</param>
/// <param name="ItemId">The item's id (1..n).</param>
/// <param name="OriginalId">The item's id in the click log.</param>
/// <param name="Score">The model's score (a logit of the softmax over all items).</param>
/// <param name="Explanation">Target attention: the session's clicks by decreasing beta (ties: the later click
/// first); empty without target attention.</param>
/// <param name="PaddingWeight">Target attention in the reference formulation: the beta mass on padding positions
/// (its softmax includes the dataset-wide padding, as the authors' code does); 0 otherwise.</param>
public sealed record RecommendedItem(int Rank, int ItemId, string OriginalId, double Score, IReadOnlyList<ClickWeight> Explanation,
    double PaddingWeight);

/// <summary>The top-k items for a session, with TAGNN's explanation.</summary>
/// <param name="Session">The clicks the model used (unknown ids dropped), oldest first.</param>
/// <param name="UnknownIds">Ids of the request the model does not know (dropped), in request order.</param>
/// <param name="Items">The recommended items, best first.</param>
/// <param name="Explanation">What <see cref="RecommendedItem.Explanation"/> and <paramref name="GlobalAttention"/> hold.</param>
/// <param name="GlobalAttention">The global attention alpha on each click by decreasing weight, when the readout has
/// one; null otherwise.</param>
/// <param name="Note">A sentence on how to read the explanation.</param>
public sealed record Recommendation(
    IReadOnlyList<SessionClick> Session,
    IReadOnlyList<string> UnknownIds,
    IReadOnlyList<RecommendedItem> Items,
    ExplanationKind Explanation,
    IReadOnlyList<ClickWeight>? GlobalAttention,
    string Note);
