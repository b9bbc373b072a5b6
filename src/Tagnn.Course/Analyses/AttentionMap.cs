namespace Tagnn.Course;

/// <summary>
/// One model's attention over one session's clicks, as an <see cref="AttentionProvider"/> reads it for the explorer
/// figure (<see cref="AttentionExplorer"/>).
/// </summary>
/// <param name="Weights">[row, click]: one row per candidate when <paramref name="PerCandidate"/> (target attention),
/// else a single row: attention that does not know the candidate, the same for all of them.</param>
/// <param name="PerCandidate">Whether the weights depend on the candidate.</param>
/// <param name="IsDistribution">Whether the weights come out of a softmax (non-negative, summing to 1 with any
/// padding); false for raw weights such as SR-GNN's alpha, which may be negative and sum to anything.</param>
/// <param name="Scores">The provider model's scores of the candidates, in the candidates' order (its own logits).</param>
/// <param name="TargetRank">The provider model's rank of the session's next click among all items (1 = best), or 0
/// when the next click is unknown.</param>
public sealed record AttentionMap(double[,] Weights, bool PerCandidate, bool IsDistribution, double[] Scores, int TargetRank)
{
    /// <summary>The weight of <paramref name="click"/> for candidate row <paramref name="candidate"/> (the single row
    /// when the attention does not depend on the candidate).</summary>
    public double Weight(int candidate, int click) => Weights[PerCandidate ? candidate : 0, click];
}
