using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>
/// Scores every candidate item against every session of a batch: target attention (Eq. 6-7), the session vector it
/// completes (Eq. 10, or the code's sum form) and the inner product of Section 2.5, in one call. A faster
/// implementation (a hand-written backward, chunks over N) can replace <see cref="ExactTargetScorer"/> without
/// touching the model.
/// </summary>
/// <remarks>
/// <para>How the contract maps to the paper. For a candidate t with embedding E_t = v_t (a row of the item table):</para>
/// <code>
/// Eq. 6       beta[b,t,i]  = softmax_i(E_t . Keys[b,i])       Keys[b,i] = W h_i (<see cref="TargetAttention.Keys"/>)
/// Eq. 7, 10   s_t[b]       = Session[b] + sum_i beta[b,t,i] Values[b,i]
///                            (s_t is linear in s_target: Values = h_i in the code's sum form, W3_target h_i for Eq. 10,
///                            Session = the candidate-independent rest, <see cref="SessionCombiner"/>)
/// Section 2.5 score[b,t]   = E_t . s_t[b]  = Session[b] . E_t + sum_i beta[b,t,i] (Values[b,i] . E_t)
/// </code>
/// <para>The softmax of Eq. 6 runs over the positions with Attend[b,i] = 1, plus VirtualCount[b] positions of logit 0
/// and value 0 (padding the reference formulation counts; see <see cref="SoftmaxPadding"/>). The softmax over items
/// and the loss that follow the scores are <see cref="NextItemLoss"/>.</para>
/// <para>An implementation must never build a (B, N, d) tensor and must be differentiable in Keys, Values, Session
/// and Candidates (autograd or a custom function). <see cref="TargetScorerInput.Groups"/> is a hint an
/// implementation may use or ignore: positions of one example in the same group hold the same keys and values, so a
/// group can be scored once with log(count) added to its logit (the same scores and the same gradients).
/// <see cref="TargetScorerInput.Host"/> holds host copies of the small per-position inputs, so that an implementation
/// that plans on the host needs no read of device memory.</para>
/// </remarks>
public interface ITargetScorer
{
    /// <summary>Scores (B, N) of all candidates.</summary>
    Tensor Score(TargetScorerInput input);
}
