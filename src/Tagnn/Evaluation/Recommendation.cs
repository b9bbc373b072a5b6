namespace Tagnn.Evaluation;

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
