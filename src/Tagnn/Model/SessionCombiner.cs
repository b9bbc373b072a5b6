using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// Combines the readout's parts and the target-attentive part into the vector a candidate is scored against.
/// Every combination used here is linear in s_target, so it splits into a candidate-independent session vector and
/// per-position values that the target attention weights: s_t = session + sum_i beta_ti values_i. That split is what
/// lets the scorer avoid (B, N, d) tensors.
/// </summary>
public abstract class SessionCombiner : nn.Module
{
    /// <summary>Creates a combiner module named <paramref name="name"/>.</summary>
    protected SessionCombiner(string name) : base(name) { }

    /// <summary>The candidate-independent part of s_t.</summary>
    /// <param name="readout">The readout's parts.</param>
    /// <returns>(B, d).</returns>
    public abstract Tensor SessionVector(ReadoutOutput readout);

    /// <summary>What the target attention weights sum: s_t's target part is sum_i beta_ti values_i.</summary>
    /// <param name="maskedStates">hm (B, L, d): position states, 0 on padding.</param>
    /// <returns>(B, L, d).</returns>
    public abstract Tensor TargetValues(Tensor maskedStates);
}

/// <summary>
/// The code's combination (reference and masked formulations): s_t = W3 [s_global; s_local] + b3 + s_target when the
/// readout has both parts, else the single part + s_target (as the code's <c>nonhybrid</c> path, without W3).
/// Reference name: linear_transform = W3 (2d -> d, with bias).
/// </summary>
public sealed class SumCombiner : SessionCombiner
{
    private readonly Linear? w3;

    /// <summary>Creates the combiner for a readout with the given parts.</summary>
    public SumCombiner(int hiddenSize, bool hasLocal, bool hasGlobal) : base(nameof(SumCombiner))
    {
        if (!hasLocal && !hasGlobal) throw new ArgumentException("The readout must have a local or a global part.");
        if (hasLocal && hasGlobal)
        {
            w3 = nn.Linear(2 * hiddenSize, hiddenSize, hasBias: true);
            register_module("linear_transform", w3);
        }
    }

    /// <inheritdoc />
    public override Tensor SessionVector(ReadoutOutput readout)
    {
        if (w3 is null) return (readout.Global ?? readout.Local)!.alias();
        using var scope = NewDisposeScope();
        return w3.call(cat([readout.Global!, readout.Local!], 1)).MoveToOuterDisposeScope(); // (B, d)
    }

    /// <inheritdoc />
    public override Tensor TargetValues(Tensor maskedStates) => maskedStates.alias();
}

/// <summary>
/// The paper's Eq. 10: s_t = W3 [s_target; s_local; s_global] with W3 of size d x (parts * d), no bias (parts that a
/// configuration lacks are left out, in that order). Split by column blocks: session = W3_local s_local +
/// W3_global s_global, values_i = W3_target h_i. Reference name: linear_transform.weight.
/// </summary>
public sealed class ConcatCombiner : SessionCombiner
{
    private readonly ParameterHolder transform;
    private readonly int d;
    private readonly bool hasTarget, hasLocal, hasGlobal;

    /// <summary>Creates the combiner for the given parts.</summary>
    public ConcatCombiner(int hiddenSize, bool hasTarget, bool hasLocal, bool hasGlobal) : base(nameof(ConcatCombiner))
    {
        if (!hasLocal && !hasGlobal) throw new ArgumentException("The readout must have a local or a global part.");
        d = hiddenSize;
        this.hasTarget = hasTarget;
        this.hasLocal = hasLocal;
        this.hasGlobal = hasGlobal;
        var parts = (hasTarget ? 1 : 0) + (hasLocal ? 1 : 0) + (hasGlobal ? 1 : 0);
        transform = new ParameterHolder(empty(hiddenSize, parts * hiddenSize));
        register_module("linear_transform", transform);
    }

    /// <inheritdoc />
    public override Tensor SessionVector(ReadoutOutput readout)
    {
        using var scope = NewDisposeScope();
        var w3 = transform.Weight;                                                          // (d, parts * d)
        var offset = hasTarget ? d : 0;
        Tensor? session = null;
        if (hasLocal)
        {
            session = readout.Local!.matmul(w3.narrow(1, offset, d).t());                   // (B, d)
            offset += d;
        }
        if (hasGlobal)
        {
            var global = readout.Global!.matmul(w3.narrow(1, offset, d).t());               // (B, d)
            session = session is null ? global : session + global;
        }
        return session!.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor TargetValues(Tensor maskedStates)
    {
        if (!hasTarget) throw new InvalidOperationException("This combiner has no target part.");
        using var scope = NewDisposeScope();
        return maskedStates.matmul(transform.Weight.narrow(1, 0, d).t()).MoveToOuterDisposeScope();       // (B, L, d)
    }

    /// <summary>A bias-free linear layer's weight under the name "weight".</summary>
    private sealed class ParameterHolder : nn.Module
    {
        [ComponentName(Name = "weight")] private Parameter weight;

        public ParameterHolder(Tensor weight) : base("linear_transform")
        {
            this.weight = new Parameter(weight);
            register_parameter("weight", this.weight);
        }

        public Parameter Weight => weight;
    }
}
