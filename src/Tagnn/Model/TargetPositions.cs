using Tagnn.Model.Scoring;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// Which positions the target attention's softmax (Eq. 6) runs over for a batch, and how many virtual padding
/// positions it adds: the <see cref="TargetScorerInput"/>'s Attend and VirtualCount, with their host copies.
/// </summary>
/// <param name="Attend">(B, L) float.</param>
/// <param name="VirtualCount">(B) float, or null.</param>
/// <param name="Host">The same values (and the alias as groups) on the host.</param>
internal sealed record TargetPositions(Tensor Attend, Tensor? VirtualCount, TargetScorerHostInput Host);
