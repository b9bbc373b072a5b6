using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model;

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
