namespace Tagnn.Evaluation;

/// <summary>A click of the session as the model saw it.</summary>
/// <param name="Position">0-based position in the session (after unknown ids were dropped).</param>
/// <param name="ItemId">The item's id (1..n).</param>
/// <param name="OriginalId">The item's id in the click log.</param>
public sealed record SessionClick(int Position, int ItemId, string OriginalId);
