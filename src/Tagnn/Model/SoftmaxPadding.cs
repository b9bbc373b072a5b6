using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// How the softmaxes over positions (the global attention alpha of Eq. 8, the target attention beta of Eq. 6) count
/// padding: which positions they run over, and how many padding positions that are not in the batch they add.
/// </summary>
/// <remarks>
/// <para>A softmax over positions is taken over the positions with <see cref="Attend"/> = 1 plus, when
/// <see cref="VirtualCount"/> is set, that many virtual padding positions that are not in the batch: each has value 0
/// and a known logit (0 for beta; q . sigmoid(W1 s_local + W2 h_pad) for alpha), so together they add
/// count * exp(logit - max) to the denominator. This is how the reference formulation keeps its dataset-wide
/// padding semantics on a batch padded per batch, at a cost that does not grow with the dataset's padding length.</para>
/// <list type="bullet">
/// <item>Reference formulation, batch padded dataset-wide: Attend = 1 everywhere (padding included, exactly as the
/// code), no virtual positions.</item>
/// <item>Reference formulation, batch padded per batch: Attend = mask, VirtualCount = PadLength - length, h_pad =
/// the GNN output of the edge-less padding node.</item>
/// <item>Masked and paper formulations: Attend = mask, no virtual positions.</item>
/// </list>
/// </remarks>
/// <param name="Attend">(B, L) float: 1 where a position takes part in softmaxes over positions.</param>
/// <param name="VirtualCount">(B) float: virtual padding positions per example, or null for none.</param>
/// <param name="PadState">(d): h_pad, the state of a padding position (needed by alpha when
/// <paramref name="VirtualCount"/> is set), or null.</param>
public sealed record SoftmaxPadding(Tensor Attend, Tensor? VirtualCount, Tensor? PadState)
{
    /// <summary>
    /// Normalised weights exp(logit - m) / (sum over attended positions + count * exp(virtualLogit - m)) along
    /// <paramref name="dim"/>; positions with <see cref="Attend"/> = 0 get weight 0.
    /// </summary>
    /// <param name="logits">Logits with positions along <paramref name="dim"/>, e.g. (B, L) or (B, K, L).</param>
    /// <param name="attend">Attend broadcast to <paramref name="logits"/> (e.g. (B, L) or (B, 1, L)).</param>
    /// <param name="virtualLogTerm">log(count) + the virtual positions' logit, broadcastable to the logits with
    /// size 1 along <paramref name="dim"/>; null when there are no virtual positions.</param>
    /// <param name="dim">The positions' dimension.</param>
    public static Tensor Softmax(Tensor logits, Tensor attend, Tensor? virtualLogTerm, long dim)
    {
        using var scope = NewDisposeScope();
        var masked = logits.masked_fill(attend.eq(0), float.NegativeInfinity);
        var max = masked.amax([dim], keepdim: true);
        if (virtualLogTerm is not null) max = maximum(max, virtualLogTerm);
        max = max.detach(); // a shift: softmax does not depend on it
        var weights = (masked - max).exp();
        var denominator = weights.sum(dim, keepdim: true);
        if (virtualLogTerm is not null) denominator = denominator + (virtualLogTerm - max).exp();
        return (weights / denominator).MoveToOuterDisposeScope();
    }

    /// <summary>log(VirtualCount) reshaped to (B, 1, ..., 1) with <paramref name="rank"/> dimensions, or null.</summary>
    internal Tensor? LogVirtualCount(int rank)
    {
        if (VirtualCount is null) return null;
        var shape = new long[rank];
        Array.Fill(shape, 1L);
        shape[0] = VirtualCount.shape[0];
        return VirtualCount.log().view(shape);
    }
}
