using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// The code's combination in place of Eq. 10 (reference and masked formulations): s_t = W3 [s_global; s_local] + b3 +
/// s_target when the readout has both parts, else the single part + s_target (as the code's <c>nonhybrid</c> path,
/// without W3).
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
