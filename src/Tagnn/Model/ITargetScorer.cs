using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// Scores every candidate item against every session of a batch (Eq. 6, 7 and 11 in one), so that a faster
/// implementation (e.g. one with a hand-written backward, or one that chunks over N) can replace
/// <see cref="ExactTargetScorer"/> without touching the model.
/// </summary>
/// <remarks>
/// Contract, with E_t the candidate embeddings (N, d):
/// <code>
/// logit[b,t,i] = E_t . Keys[b,i]                          (Eq. 6, before the softmax)
/// beta[b,t,:]  = softmax over positions with Attend[b,i] = 1, plus VirtualCount[b] positions of logit 0 and value 0
/// score[b,t]   = Session[b] . E_t + sum_i beta[b,t,i] (Values[b,i] . E_t)
/// </code>
/// An implementation must never build a (B, N, d) tensor and must be differentiable in Keys, Values, Session and
/// Candidates (autograd or a custom function). <see cref="TargetScorerInput.Groups"/> is a hint an implementation may
/// use or ignore: positions of one example in the same group hold the same keys and values, so a group can be scored
/// once with log(count) added to its logit (the same scores and the same gradients).
/// </remarks>
public interface ITargetScorer
{
    /// <summary>Scores (B, N) of all candidates.</summary>
    Tensor Score(TargetScorerInput input);
}

/// <summary>The inputs of <see cref="ITargetScorer.Score"/>.</summary>
/// <param name="Keys">(B, L, d): W h_i (0 on padding).</param>
/// <param name="Values">(B, L, d): what beta weights (h_i for the sum form, W3_target h_i for Eq. 10; 0 on padding).</param>
/// <param name="Attend">(B, L) float: positions that take part in the softmax.</param>
/// <param name="VirtualCount">(B) float: extra padding positions of logit 0 and value 0, or null.</param>
/// <param name="Session">(B, d): the candidate-independent session vector.</param>
/// <param name="Candidates">(N, d): candidate embeddings (item table rows 1..N).</param>
public sealed record TargetScorerInput(Tensor Keys, Tensor Values, Tensor Attend, Tensor? VirtualCount, Tensor Session, Tensor Candidates)
{
    /// <summary>
    /// (B, L) int64, or null: positions of an example with the same value hold the same <see cref="Keys"/> and
    /// <see cref="Values"/> rows (e.g. the alias: clicks on the same item are one session-graph node). A scorer may
    /// score each group of attended positions once, its logit raised by log(count); the gradient of a group is shared
    /// equally by its positions, so gradients are those of the contract.
    /// </summary>
    public Tensor? Groups { get; init; }
}
