using Tagnn.Model.Parts;
using Tagnn.Model.Scoring;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// Everything a <see cref="SessionModel"/> computes about a batch before scoring candidates: node and position
/// states, the readout, the session vector, the target-attention keys and values. Tensors belong to the caller's
/// dispose scope.
/// </summary>
/// <param name="NodeStates">(B, n, d): the GNN output per node (Eq. 1-5; the reference's <c>hidden</c>).</param>
/// <param name="PositionStates">hs (B, L, d): node states gathered by alias (the reference's <c>seq_hidden</c>).</param>
/// <param name="Mask">(B, L) float: 1 on real positions.</param>
/// <param name="Last">s_local (B, d): the state at the last real position.</param>
/// <param name="Readout">The readout's parts and alpha (Eq. 8-9).</param>
/// <param name="Session">(B, d): the candidate-independent part of s_t (Eq. 10, or the code's sum form).</param>
/// <param name="Keys">(B, L, d): target-attention keys W h_i (Eq. 6), or null without a keyed target attention.</param>
/// <param name="Values">(B, L, d): what beta weights (Eq. 7), or null without a keyed target attention.</param>
/// <param name="Padding">How the softmaxes over positions count padding.</param>
public sealed record SessionEncoding(
    Tensor NodeStates,
    Tensor PositionStates,
    Tensor Mask,
    Tensor Last,
    ReadoutOutput Readout,
    Tensor Session,
    Tensor? Keys,
    Tensor? Values,
    SoftmaxPadding Padding)
{
    /// <summary>(B, L): the global attention weights alpha (0 on padding), or null for readouts without attention.</summary>
    public Tensor? Alpha => Readout.Alpha;

    /// <summary>(B, L) int64: the node each position holds (the batch's alias), or null. Positions with the same node
    /// have the same keys and values, so a scorer may score them once (<see cref="TargetScorerInput.Groups"/>).</summary>
    public Tensor? Alias { get; init; }

    /// <summary>The positions beta attends, as tensors and host arrays (set by <see cref="SessionModel.Encode"/> when
    /// the model has target attention).</summary>
    internal TargetPositions? Target { get; init; }

    /// <summary>What a target attention on the generic path reads (<see cref="ITargetAttention"/>), or null: set when
    /// the model's target attention is not keyed (<see cref="IKeyedTargetAttention"/>) or
    /// <see cref="SessionModel.ForceGenericTargetPath"/> is on; <see cref="Keys"/> and <see cref="Values"/> are then
    /// null.</summary>
    public TargetAttentionInput? TargetInput { get; init; }
}
