using static TorchSharp.torch;

namespace Tagnn.Model.Parts;

/// <summary>
/// The target attention part of a <see cref="SessionModel"/> in its most general form: for each candidate t, a
/// target-aware session vector s_target^t from the session's position states (Eq. 6-7 are one such function). The
/// model scores z_t = v_t . (SessionVector + TargetValues(s_target^t)) (Eq. 10 and Section 2.5) over chunks of
/// candidates on the exact, memory-bounded generic path (<see cref="Scoring.ChunkedTargetScorer"/>): never a
/// (B, N, d) tensor, at the cost of recomputing each chunk in the backward pass.
/// </summary>
/// <remarks>
/// <para>A part of the paper's dot-product form (beta_ti = softmax_i(v_t . k_i) with candidate-independent keys
/// k_i, s_target = sum_i beta_ti h_i) should implement <see cref="IKeyedTargetAttention"/> too: it is then scored by
/// the fused scorer (<see cref="Scoring.FusedTargetScorer"/>), which is much faster.</para>
/// <para>A part is a TorchSharp <c>nn.Module</c> implementing this interface. <see cref="TargetVectors"/> runs
/// once per chunk of candidates in the forward pass and again in the backward pass, so it must be a pure function of
/// its inputs and parameters (no sampling, no state), must not read device memory on the host, and its memory should
/// be O(B C d).</para>
/// </remarks>
public interface ITargetAttention
{
    /// <summary>s_target^t for a chunk of candidates.</summary>
    /// <param name="input">The session's positions (states, which positions the softmax runs over, padding).</param>
    /// <param name="candidates">v_t (C, d): the chunk's candidate embeddings.</param>
    /// <returns>(B, C, d).</returns>
    Tensor TargetVectors(TargetAttentionInput input, Tensor candidates);
}
