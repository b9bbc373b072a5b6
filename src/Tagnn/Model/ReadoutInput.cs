using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>What a session readout reads.</summary>
/// <param name="States">hs (B, L, d): the GNN state of each position's item (padding positions hold h_pad).</param>
/// <param name="Mask">(B, L) float: 1 on real positions.</param>
/// <param name="Last">s_local (B, d): the state at the last real position.</param>
/// <param name="Padding">How the softmax over positions counts padding (<see cref="SoftmaxPadding"/>).</param>
public sealed record ReadoutInput(Tensor States, Tensor Mask, Tensor Last, SoftmaxPadding Padding);
