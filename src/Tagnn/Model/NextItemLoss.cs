using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// The softmax over items and the training loss of Section 2.5 (neither is numbered in the paper): y_hat =
/// softmax(z) over all N candidate items turns the scores z into next-click probabilities, and the loss is the
/// cross-entropy of y_hat with the clicked item, -log y_hat[target], averaged over the batch. The reference computes
/// it as <c>nn.CrossEntropyLoss()(scores, targets - 1)</c>: the same numbers.
/// </summary>
public static class NextItemLoss
{
    /// <summary>y_hat = softmax(z): the probability of each item being the next click.</summary>
    /// <param name="scores">z (B, N): column j is item j + 1.</param>
    /// <returns>(B, N), each row summing to 1.</returns>
    public static Tensor Probabilities(Tensor scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.softmax(1);
    }

    /// <summary>The mean over the batch of -log y_hat[target] (cross-entropy over all N items).</summary>
    /// <param name="scores">z (B, N): column j is item j + 1.</param>
    /// <param name="targets">(B) int64: the clicked items, 1-based ids.</param>
    /// <returns>A scalar.</returns>
    public static Tensor Compute(Tensor scores, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = NewDisposeScope();
        return nn.functional.cross_entropy(scores, targets - 1).MoveToOuterDisposeScope();
    }
}
