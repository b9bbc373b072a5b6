using Tagnn.Model.Parts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// A session readout: turns the position states of a session into the candidate-independent parts of its
/// representation (local and/or global; Section 2.4, Eq. 8-9). Subclass it to try another readout;
/// <see cref="Create"/> builds the paper's (Figure 2's variants).
/// </summary>
public abstract class SessionReadout : nn.Module<ReadoutInput, ReadoutOutput>, ISessionReadout
{
    /// <summary>Creates a readout module named <paramref name="name"/>.</summary>
    protected SessionReadout(string name) : base(name) { }

    /// <summary>Whether the output has a local part.</summary>
    public abstract bool HasLocal { get; }

    /// <summary>Whether the output has a global part.</summary>
    public abstract bool HasGlobal { get; }

    /// <inheritdoc />
    public ReadoutOutput Read(ReadoutInput input) => call(input);

    /// <summary>The readout of the TAGNN paper's Figure 2 named by <paramref name="kind"/>.</summary>
    /// <param name="kind">Which variant.</param>
    /// <param name="hiddenSize">d.</param>
    /// <param name="softmax">Whether the attentive variants normalise alpha with a softmax.</param>
    public static SessionReadout Create(ReadoutKind kind, int hiddenSize, bool softmax) => kind switch
    {
        ReadoutKind.Local => new LocalReadout(),
        ReadoutKind.Average => new AverageReadout(),
        ReadoutKind.Attentive => new AttentiveReadout(hiddenSize, softmax, includeLocal: false),
        ReadoutKind.LocalAttentive => new AttentiveReadout(hiddenSize, softmax, includeLocal: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown readout."),
    };
}
