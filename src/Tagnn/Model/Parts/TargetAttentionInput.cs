using static TorchSharp.torch;

namespace Tagnn.Model.Parts;

/// <summary>What a target attention (<see cref="ITargetAttention"/>) reads about a batch's sessions.</summary>
/// <param name="States">hm (B, L, d): position states h_i, 0 on padding.</param>
/// <param name="Mask">(B, L) float: 1 on real positions (clicks), 0 on padding; positions run oldest to newest.</param>
/// <param name="Attend">(B, L) float: 1 on the positions the softmax over positions runs over (Eq. 6).</param>
/// <param name="VirtualCount">(B) float, or null: padding positions the reference formulation's softmax also counts,
/// each with logit 0 and value 0 (see <see cref="SoftmaxPadding"/>); use <see cref="Softmax"/> and they are
/// handled.</param>
/// <param name="Lengths">(B) int64: each session's number of clicks.</param>
public sealed record TargetAttentionInput(Tensor States, Tensor Mask, Tensor Attend, Tensor? VirtualCount, Tensor Lengths)
{
    /// <summary>
    /// The softmax over positions of Eq. 6 with this batch's padding semantics: weights over the attended positions
    /// (0 elsewhere), virtual padding positions of logit 0 added to the denominator.
    /// </summary>
    /// <param name="logits">(B, C, L): one logit per candidate of a chunk and position.</param>
    /// <returns>(B, C, L).</returns>
    public Tensor Softmax(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var scope = NewDisposeScope();
        var virtualTerm = VirtualCount?.log().view(-1, 1, 1);                                   // (B, 1, 1): log(count) + 0
        return SoftmaxPadding.Softmax(logits, Attend.unsqueeze(1), virtualTerm, dim: 2).MoveToOuterDisposeScope();
    }

    /// <summary>Each position's distance from the session's last click: 0 for the last click, 1 for the one before,
    /// ...; negative on padding positions (to be masked).</summary>
    /// <returns>(B, L) float.</returns>
    public Tensor Recency()
    {
        using var scope = NewDisposeScope();
        var positions = arange(Mask.shape[1], dtype: Mask.dtype, device: Mask.device).unsqueeze(0); // (1, L)
        return (Lengths.to(Mask.dtype).unsqueeze(1) - 1 - positions).MoveToOuterDisposeScope();    // (B, L)
    }
}
