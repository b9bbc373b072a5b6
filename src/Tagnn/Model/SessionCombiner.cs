using Tagnn.Model.Parts;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// Combines the readout's parts and the target-attentive part into the vector a candidate is scored against (Eq. 10,
/// or the code's sum form).
/// Every combination used here is linear in s_target, so it splits into a candidate-independent session vector and
/// per-position values that the target attention weights: s_t = session + sum_i beta_ti values_i. That split is what
/// lets the scorer avoid (B, N, d) tensors.
/// </summary>
public abstract class SessionCombiner : nn.Module, ISessionCombiner
{
    /// <summary>Creates a combiner module named <paramref name="name"/>.</summary>
    protected SessionCombiner(string name) : base(name) { }

    /// <summary>The candidate-independent part of s_t.</summary>
    /// <param name="readout">The readout's parts.</param>
    /// <returns>(B, d).</returns>
    public abstract Tensor SessionVector(ReadoutOutput readout);

    /// <summary>What the target attention weights sum: s_t's target part is sum_i beta_ti values_i, with values_i =
    /// TargetValues(h_i); linear, so TargetValues(s_target) gives the same contribution (the generic path's use).</summary>
    /// <param name="maskedStates">hm (B, L, d): position states, 0 on padding; or (B, C, d) target vectors.</param>
    /// <returns>The same shape.</returns>
    public abstract Tensor TargetValues(Tensor maskedStates);
}
