namespace Tagnn.Evaluation;

/// <summary>An attention weight on one click.</summary>
/// <param name="Position">The click's position (see <see cref="SessionClick.Position"/>).</param>
/// <param name="OriginalId">The clicked item's original id.</param>
/// <param name="Weight">The weight (beta or alpha).</param>
public sealed record ClickWeight(int Position, string OriginalId, double Weight);
