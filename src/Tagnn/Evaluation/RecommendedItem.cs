namespace Tagnn.Evaluation;

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
