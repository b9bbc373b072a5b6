namespace Tagnn.Model.Scoring;

/// <summary>
/// The small per-position inputs of a <see cref="TargetScorerInput"/> as host arrays (row-major), equal to its
/// tensors: what a scorer needs to plan which rows to score without reading device memory.
/// </summary>
/// <param name="Attend">(B * L): 1 where a position takes part in the softmax, else 0 (<see cref="TargetScorerInput.Attend"/>).</param>
/// <param name="Groups">(B * L), or null: <see cref="TargetScorerInput.Groups"/>.</param>
/// <param name="VirtualCount">(B), or null: <see cref="TargetScorerInput.VirtualCount"/>.</param>
public sealed record TargetScorerHostInput(float[] Attend, long[]? Groups, float[]? VirtualCount);
