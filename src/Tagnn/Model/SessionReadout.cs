using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// A session readout: turns the position states of a session into the candidate-independent parts of its
/// representation (local and/or global). Subclass it to try another readout; <see cref="Create"/> builds the paper's.
/// </summary>
public abstract class SessionReadout : nn.Module<ReadoutInput, ReadoutOutput>
{
    /// <summary>Creates a readout module named <paramref name="name"/>.</summary>
    protected SessionReadout(string name) : base(name) { }

    /// <summary>Whether the output has a local part.</summary>
    public abstract bool HasLocal { get; }

    /// <summary>Whether the output has a global part.</summary>
    public abstract bool HasGlobal { get; }

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

/// <summary>TAGNN-L: s_local = the last click's state.</summary>
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

/// <summary>TAGNN-Avg: s_global = the mean of the real positions' states.</summary>
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

/// <summary>
/// The attentive global embedding (Eq. 8-9), optionally with the local one (TAGNN-L+Att, the full models):
/// alpha_i = q . sigmoid(W1 s_local + W2 h_i + c), s_global = sum_i alpha_i h_i over real positions.
/// </summary>
/// <remarks>
/// Reference names: linear_one = W1 (d -> d, its bias is c), linear_two = W2 (d -> d, with bias), linear_three = q
/// (d -> 1, no bias). With a softmax (TAGNN's code), the softmax follows <see cref="PaddingShare"/>: in the reference
/// formulation it includes the padding positions (whose input is h_pad); without (SR-GNN, the paper's Eq. 8) alpha
/// is used as is.
/// </remarks>
public sealed class AttentiveReadout : SessionReadout
{
    private readonly Linear w1, w2, q;
    private readonly bool includeLocal;

    /// <summary>Creates the readout.</summary>
    /// <param name="hiddenSize">d.</param>
    /// <param name="softmax">Normalise alpha with a softmax over positions.</param>
    /// <param name="includeLocal">Also output s_local (L+Att).</param>
    public AttentiveReadout(int hiddenSize, bool softmax, bool includeLocal) : base(nameof(AttentiveReadout))
    {
        Softmax = softmax;
        this.includeLocal = includeLocal;
        w1 = nn.Linear(hiddenSize, hiddenSize, hasBias: true);
        w2 = nn.Linear(hiddenSize, hiddenSize, hasBias: true);
        q = nn.Linear(hiddenSize, 1, hasBias: false);
        register_module("linear_one", w1);
        register_module("linear_two", w2);
        register_module("linear_three", q);
    }

    /// <summary>Whether alpha goes through a softmax over positions.</summary>
    public bool Softmax { get; }

    /// <inheritdoc />
    public override bool HasLocal => includeLocal;

    /// <inheritdoc />
    public override bool HasGlobal => true;

    /// <inheritdoc />
    public override ReadoutOutput forward(ReadoutInput input)
    {
        using var scope = NewDisposeScope();
        var hs = input.States;                                                            // (B, L, d)
        var q1 = w1.call(input.Last).unsqueeze(1);                                        // (B, 1, d)
        var logits = q.call((q1 + w2.call(hs)).sigmoid()).squeeze(2);                     // (B, L)   Eq. 8
        var alpha = logits;
        if (Softmax)
        {
            Tensor? virtualTerm = null;
            if (input.Padding.VirtualCount is not null)
            {
                if (input.Padding.PadState is null) throw new ArgumentException("Virtual padding positions need h_pad (PaddingShare.PadState).");
                var padLogit = q.call((q1.squeeze(1) + w2.call(input.Padding.PadState)).sigmoid()); // (B, 1)
                virtualTerm = input.Padding.LogVirtualCount(2)! + padLogit;                  // (B, 1)
            }
            alpha = PaddingShare.Softmax(logits, input.Padding.Attend, virtualTerm, dim: 1);   // (B, L)
        }
        alpha = alpha * input.Mask;                                                        // (B, L), 0 on padding
        var global = (alpha.unsqueeze(2) * hs).sum(1);                                     // (B, d)   Eq. 9
        var local = includeLocal ? input.Last.alias() : null;
        return new ReadoutOutput(local?.MoveToOuterDisposeScope(), global.MoveToOuterDisposeScope(), alpha.MoveToOuterDisposeScope());
    }
}
