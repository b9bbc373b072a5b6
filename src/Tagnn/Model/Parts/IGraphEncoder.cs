using static TorchSharp.torch;

namespace Tagnn.Model.Parts;

/// <summary>
/// The graph encoder part of a <see cref="SessionModel"/>: node states of every session graph from the nodes' item
/// embeddings (Section 2.3). The built-in part is <see cref="GatedGraphCell"/> (Eq. 1-5, applied GnnSteps times).
/// </summary>
/// <remarks>A part is a TorchSharp <c>nn.Module</c> implementing this interface. The node states feed the readout
/// (Eq. 8-9) and the target attention (Eq. 6-7).</remarks>
public interface IGraphEncoder
{
    /// <summary>Propagates node states over the session graphs.</summary>
    /// <param name="adjacency">A (B, n, 2n): the normalised in-edges in [:, :, :n], out-edges in [:, :, n:] (Eq. 1's
    /// A_s = [A_in; A_out]); all zero for padding nodes.</param>
    /// <param name="states">h^0 (B, n, d): the nodes' item embeddings.</param>
    /// <returns>(B, n, d): the node states.</returns>
    Tensor Encode(Tensor adjacency, Tensor states);

    /// <summary>
    /// The state of a node without edges (the padding node), h_pad: what the reference formulation's softmaxes see at
    /// padding positions (<see cref="SoftmaxPadding"/>). Default: <see cref="Encode"/> of a one-node graph without
    /// edges.
    /// </summary>
    /// <param name="embedding">The node's embedding (d).</param>
    /// <returns>(d).</returns>
    Tensor EdgelessState(Tensor embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        using var scope = NewDisposeScope();
        var d = embedding.shape[0];
        var adjacency = zeros(1, 1, 2, dtype: embedding.dtype, device: embedding.device);     // (1, 1, 2)
        return Encode(adjacency, embedding.view(1, 1, d)).view(d).MoveToOuterDisposeScope();
    }
}
