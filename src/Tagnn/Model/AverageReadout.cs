using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>TAGNN-Avg (Figure 2): s_global = the mean of the real positions' states (average pooling in place of
/// Eq. 8-9's attention).</summary>
public sealed class AverageReadout : SessionReadout
{
    /// <summary>Creates the readout.</summary>
    public AverageReadout() : base(nameof(AverageReadout)) { }

    /// <inheritdoc />
    public override bool HasLocal => false;

    /// <inheritdoc />
    public override bool HasGlobal => true;

    /// <inheritdoc />
    public override ReadoutOutput forward(ReadoutInput input)
    {
        using var scope = NewDisposeScope();
        var mask = input.Mask.unsqueeze(2);                                               // (B, L, 1)
        var mean = (input.States * mask).sum(1) / mask.sum(1);                            // (B, d)
        return new ReadoutOutput(null, mean.MoveToOuterDisposeScope(), null);
    }
}
