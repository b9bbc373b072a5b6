namespace Tagnn.Model.Parts;

/// <summary>
/// The readout part of a <see cref="SessionModel"/>: the candidate-independent parts of a session's representation
/// from its position states: s_local (the last click's state, Section 2.4) and/or s_global (Eq. 8-9). The built-in
/// parts derive from <see cref="SessionReadout"/> (<see cref="LocalReadout"/>, <see cref="AverageReadout"/>,
/// <see cref="AttentiveReadout"/>: the TAGNN paper's Figure 2 variants).
/// </summary>
/// <remarks>A part is a TorchSharp <c>nn.Module</c> implementing this interface. The combiner
/// (<see cref="ISessionCombiner"/>) is built for the parts the readout says it has.</remarks>
public interface ISessionReadout
{
    /// <summary>Whether <see cref="Read"/> returns s_local.</summary>
    bool HasLocal { get; }

    /// <summary>Whether <see cref="Read"/> returns s_global.</summary>
    bool HasGlobal { get; }

    /// <summary>The readout of a batch.</summary>
    /// <param name="input">Position states hs (B, L, d), mask (B, L), s_local (B, d) and the padding semantics.</param>
    /// <returns>s_local (B, d) and/or s_global (B, d), and alpha (B, L) when the readout attends.</returns>
    ReadoutOutput Read(ReadoutInput input);
}
