using static TorchSharp.torch;

namespace Tagnn.Model.Parts;

/// <summary>
/// A target attention of the paper's form (Eq. 6-7): beta_ti = softmax_i(v_t . k_i) over the attended positions with
/// keys k_i that do not depend on the candidate, and s_target^t = sum_i beta_ti h_i. Such a part is scored by the
/// model's <see cref="Scoring.ITargetScorer"/> (the fused scorer by default) from <see cref="Keys"/> alone; its
/// <see cref="ITargetAttention.TargetVectors"/> must compute the same function (it is the generic path's, used by
/// tests and by <see cref="SessionModel.ForceGenericTargetPath"/>). The built-in part is <see cref="TargetAttention"/>
/// (k_i = W h_i).
/// </summary>
public interface IKeyedTargetAttention : ITargetAttention
{
    /// <summary>The keys k_i.</summary>
    /// <param name="maskedStates">hm (B, L, d): position states, 0 on padding.</param>
    /// <returns>(B, L, d): 0 on padding positions (so a padded position's logit is exactly 0, as the scorer's
    /// virtual padding positions assume).</returns>
    Tensor Keys(Tensor maskedStates);
}
