using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>The inputs of <see cref="ITargetScorer.Score"/> (see the contract there).</summary>
/// <param name="Keys">(B, L, d): W h_i, the keys of Eq. 6 (0 on padding).</param>
/// <param name="Values">(B, L, d): what beta weights (h_i for the sum form, W3_target h_i for Eq. 10; 0 on padding).</param>
/// <param name="Attend">(B, L) float: positions that take part in the softmax of Eq. 6.</param>
/// <param name="VirtualCount">(B) float: extra padding positions of logit 0 and value 0, or null.</param>
/// <param name="Session">(B, d): the candidate-independent part of s_t.</param>
/// <param name="Candidates">(N, d): candidate embeddings v_t (item table rows 1..N).</param>
public sealed record TargetScorerInput(Tensor Keys, Tensor Values, Tensor Attend, Tensor? VirtualCount, Tensor Session, Tensor Candidates)
{
    /// <summary>
    /// (B, L) int64, or null: positions of an example with the same value hold the same <see cref="Keys"/> and
    /// <see cref="Values"/> rows (e.g. the alias: clicks on the same item are one session-graph node). A scorer may
    /// score each group of attended positions once, its logit raised by log(count); the gradient of a group is shared
    /// equally by its positions, so gradients are those of the contract.
    /// </summary>
    public Tensor? Groups { get; init; }

    /// <summary>
    /// Host copies of <see cref="Attend"/>, <see cref="Groups"/> and <see cref="VirtualCount"/>, or null. The model
    /// sets them from the batch's host arrays, so a scorer that plans its work on the host
    /// (<see cref="FusedTargetScorer"/>) never reads device memory inside a training step; without them such a
    /// scorer copies the three small tensors to the host.
    /// </summary>
    public TargetScorerHostInput? Host { get; init; }
}
