using Tagnn.Model;
using Tagnn.Model.Scoring;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>
/// Target attention scored the way the authors' code does it (Eq. 6, 7, 11 written literally): a (B, N, L) attention
/// tensor, then a target vector per session and candidate, (B, N, d), then the dot products. For teaching and for
/// measuring what that costs; it breaks the <see cref="ITargetScorer"/> rule of never building (B, N, d) tensors on
/// purpose, so it is not an <see cref="ITargetScorer"/>: at Diginetica scale each (B, N, d) tensor is 1.7 GB.
/// </summary>
public static class NaiveTargetScorer
{
    /// <summary>Scores (B, N) under the <see cref="ITargetScorer"/> contract, computed naively.</summary>
    /// <remarks>
    /// The reference's lines: <c>beta = softmax(E @ (W h)^T)</c>, <c>target = beta @ h</c>,
    /// <c>s = a + target</c>, <c>scores = sum(s * E, -1)</c>; positions with <c>Attend = 0</c> are left out of the
    /// softmax and <c>VirtualCount</c> padding positions of logit 0 are added to its denominator.
    /// </remarks>
    public static Tensor Score(TargetScorerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var (b, l) = (input.Keys.shape[0], input.Keys.shape[1]);
        var e = input.Candidates;                                                           // (N, d)
        var logits = e.matmul(input.Keys.transpose(1, 2));                                  // (B, N, L)  Eq. 6 logits
        var virtualTerm = input.VirtualCount?.log().view(b, 1, 1);                          // (B, 1, 1)
        var beta = SoftmaxPadding.Softmax(logits, input.Attend.view(b, 1, l), virtualTerm, dim: 2); // (B, N, L)  Eq. 6
        var target = beta.matmul(input.Values);                                             // (B, N, d)  Eq. 7
        var s = input.Session.unsqueeze(1) + target;                                        // (B, N, d)  s_t
        return (s * e.unsqueeze(0)).sum(2).MoveToOuterDisposeScope();                       // (B, N)     Eq. 11
    }
}
