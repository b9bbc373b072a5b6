using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// The attentive global embedding (Eq. 8-9), optionally with the local one (TAGNN-L+Att, the full models):
/// alpha_i = q . sigmoid(W1 s_local + W2 h_i + c), s_global = sum_i alpha_i h_i over real positions.
/// </summary>
/// <remarks>
/// Reference names: linear_one = W1 (d -> d, its bias is c), linear_two = W2 (d -> d, with bias), linear_three = q
/// (d -> 1, no bias). With a softmax (TAGNN's code), the softmax counts padding as <see cref="SoftmaxPadding"/> says: in the reference
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
        var w1Local = w1.call(input.Last).unsqueeze(1);                                  // (B, 1, d) W1 s_local + c
        var logits = q.call((w1Local + w2.call(hs)).sigmoid()).squeeze(2);               // (B, L)   Eq. 8
        var alpha = logits;
        if (Softmax)
        {
            Tensor? virtualTerm = null;
            if (input.Padding.VirtualCount is not null)
            {
                if (input.Padding.PadState is null) throw new ArgumentException("Virtual padding positions need h_pad (SoftmaxPadding.PadState).");
                var padLogit = q.call((w1Local.squeeze(1) + w2.call(input.Padding.PadState)).sigmoid()); // (B, 1)
                virtualTerm = input.Padding.LogVirtualCount(2)! + padLogit;                  // (B, 1)
            }
            alpha = SoftmaxPadding.Softmax(logits, input.Padding.Attend, virtualTerm, dim: 1);   // (B, L)
        }
        alpha = alpha * input.Mask;                                                        // (B, L), 0 on padding
        var global = (alpha.unsqueeze(2) * hs).sum(1);                                     // (B, d)   Eq. 9
        var local = includeLocal ? input.Last.alias() : null;
        return new ReadoutOutput(local?.MoveToOuterDisposeScope(), global.MoveToOuterDisposeScope(), alpha.MoveToOuterDisposeScope());
    }
}
