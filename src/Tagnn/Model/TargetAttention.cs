using Tagnn.Model.Parts;
using Tagnn.Model.Scoring;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// Target attention (Eq. 6-7): for a candidate item t with embedding v_t, beta_ti = softmax_i(v_t^T W h_i) over the
/// session's positions and s_target^t = sum_i beta_ti h_i. Reference name: linear_t = W (d -> d, no bias).
/// </summary>
/// <remarks>
/// This module computes the keys W h_i once per session; the scorer (<see cref="ITargetScorer"/>) computes the
/// logits for all candidates without building (B, N, d) tensors. <see cref="Weights"/> gives beta for a few chosen
/// candidates (explanations).
/// </remarks>
public sealed class TargetAttention : nn.Module, IKeyedTargetAttention
{
    private readonly Linear wt;

    /// <summary>Creates the module for hidden size <paramref name="hiddenSize"/>.</summary>
    public TargetAttention(int hiddenSize) : base(nameof(TargetAttention))
    {
        wt = nn.Linear(hiddenSize, hiddenSize, hasBias: false);
        register_module("linear_t", wt);
    }

    /// <summary>The attention keys W h_i; 0 on padding (no bias), so a padded position's logit is exactly 0.</summary>
    /// <param name="maskedStates">hm (B, L, d): position states, 0 on padding.</param>
    /// <returns>(B, L, d).</returns>
    public Tensor Keys(Tensor maskedStates) => wt.call(maskedStates);

    /// <summary>s_target^t = sum_i beta_ti h_i (Eq. 6-7) for a chunk of candidates, written directly: the generic
    /// path's form of what the fused scorer computes from <see cref="Keys"/>.</summary>
    /// <param name="input">The batch's positions.</param>
    /// <param name="candidates">v_t (C, d).</param>
    /// <returns>(B, C, d).</returns>
    public Tensor TargetVectors(TargetAttentionInput input, Tensor candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        using var scope = NewDisposeScope();
        var keys = Keys(input.States);                                                     // (B, L, d)  W h_i
        var logits = candidates.matmul(keys.transpose(1, 2));                              // (B, C, L)  v_t . W h_i
        var beta = input.Softmax(logits);                                                  // (B, C, L)  Eq. 6
        return beta.matmul(input.States).MoveToOuterDisposeScope();                        // (B, C, d)  Eq. 7
    }

    /// <summary>beta (Eq. 6) for chosen candidates.</summary>
    /// <param name="keys">(B, L, d) from <see cref="Keys"/>.</param>
    /// <param name="candidates">v_t (B, K, d): the chosen candidates' embeddings.</param>
    /// <param name="padding">How the softmax counts padding.</param>
    /// <param name="mask">(B, L) float: real positions.</param>
    /// <returns>(B, K, L): weights on real positions (0 on padding; in the reference formulation the rest of the
    /// mass sits on padding).</returns>
    public static Tensor Weights(Tensor keys, Tensor candidates, SoftmaxPadding padding, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var logits = candidates.matmul(keys.transpose(1, 2));                              // (B, K, L)
        var beta = SoftmaxPadding.Softmax(logits, padding.Attend.unsqueeze(1), padding.LogVirtualCount(3), dim: 2);
        return (beta * mask.unsqueeze(1)).MoveToOuterDisposeScope();                       // (B, K, L)
    }
}
