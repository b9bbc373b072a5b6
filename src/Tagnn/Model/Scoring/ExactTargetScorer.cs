using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>
/// The exact rewrite of the reference's scorer (docs/REFERENCE.md#r16-cost-and-the-exact-rewrite), differentiated by autograd:
/// with S[b,t,i] = Values[b,i] . E_t, score[b,t] = Session[b] . E_t + sum_i softmax_i(logit[b,t,:]) S[b,t,i].
/// Two (B*L, d) x (d, N) products give (B, L, N) tensors; nothing of size (B, N, d) is built.
/// </summary>
public sealed class ExactTargetScorer : ITargetScorer
{
    /// <inheritdoc />
    public Tensor Score(TargetScorerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var (b, l, d) = (input.Keys.shape[0], input.Keys.shape[1], input.Keys.shape[2]);
        var n = input.Candidates.shape[0];
        var et = input.Candidates.t();                                                     // (d, N)
        var logits = input.Keys.reshape(b * l, d).mm(et).view(b, l, n);                    // (B, L, N)  Eq. 6 logits
        var s = input.Values.reshape(b * l, d).mm(et).view(b, l, n);                       // (B, L, N)
        var virtualTerm = input.VirtualCount?.log().view(b, 1, 1);                         // (B, 1, 1): log(count) + 0
        var beta = SoftmaxPadding.Softmax(logits, input.Attend.unsqueeze(2), virtualTerm, dim: 1); // (B, L, N)  Eq. 6
        var target = (beta * s).sum(1);                                                    // (B, N)   Eq. 7, dotted with E_t
        return (input.Session.mm(et) + target).MoveToOuterDisposeScope();                  // (B, N)   Section 2.5: v_t . s_t
    }
}
