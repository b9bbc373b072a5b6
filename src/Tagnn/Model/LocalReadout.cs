using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>TAGNN-L (Figure 2): s_local = the last click's state (Section 2.4, the local embedding, v_{s_n}).</summary>
public sealed class LocalReadout : SessionReadout
{
    /// <summary>Creates the readout.</summary>
    public LocalReadout() : base(nameof(LocalReadout)) { }

    /// <inheritdoc />
    public override bool HasLocal => true;

    /// <inheritdoc />
    public override bool HasGlobal => false;

    /// <inheritdoc />
    public override ReadoutOutput forward(ReadoutInput input) => new(input.Last.alias(), null, null);
}
