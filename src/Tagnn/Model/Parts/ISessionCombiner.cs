using static TorchSharp.torch;

namespace Tagnn.Model.Parts;

/// <summary>
/// The combiner part of a <see cref="SessionModel"/>: how s_target, s_local and s_global make the session vector s_t
/// a candidate t is scored against (Eq. 10: s_t = W3 [s_target; s_local; s_global]; the authors' code sums instead).
/// The built-in parts are <see cref="ConcatCombiner"/> (Eq. 10) and <see cref="SumCombiner"/> (the code's form).
/// </summary>
/// <remarks>
/// <para>The contract: s_t must be <b>linear in s_target</b>, s_t = SessionVector + TargetValues(s_target). That split
/// is what lets the scorer avoid (B, N, d) tensors: the target part is a beta-weighted sum of position values
/// (Eq. 7), so TargetValues can be applied to the positions' states before the sum.</para>
/// <para>A part is a TorchSharp <c>nn.Module</c> implementing this interface.</para>
/// </remarks>
public interface ISessionCombiner
{
    /// <summary>The candidate-independent part of s_t.</summary>
    /// <param name="readout">The readout's parts.</param>
    /// <returns>(B, d).</returns>
    Tensor SessionVector(ReadoutOutput readout);

    /// <summary>The target part's linear map: what s_target (or a position state it sums) contributes to s_t.</summary>
    /// <param name="targets">(..., d): position states (B, L, d), or target vectors (B, C, d) of a chunk of
    /// candidates.</param>
    /// <returns>(..., d), linear in <paramref name="targets"/> (no bias).</returns>
    Tensor TargetValues(Tensor targets);
}
