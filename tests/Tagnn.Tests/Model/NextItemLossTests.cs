using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

/// <summary>Section 2.5: y_hat = softmax(z) over the items, and the loss is the mean of -log y_hat[target].</summary>
public sealed class NextItemLossTests
{
    [Fact]
    public void The_loss_is_the_mean_negative_log_probability_of_the_clicked_item()
    {
        using var scope = NewDisposeScope();
        var scores = tensor(new float[] { 1, 2, 0.5f, -1, 0, 3, 2, 2, 2 }).reshape(3, 3);   // (B, N) = (3, 3)
        var targets = tensor(new long[] { 2, 3, 1 });                                       // 1-based item ids
        var probabilities = NextItemLoss.Probabilities(scores);
        var rows = probabilities.sum(1).data<float>().ToArray();
        Assert.All(rows, r => Assert.Equal(1f, r, 5));
        Assert.Equal(1f / 3, probabilities[2, 0].item<float>(), 6);                         // equal scores, equal shares

        var p = probabilities.data<float>().ToArray();
        var byHand = -(Math.Log(p[0 * 3 + 1]) + Math.Log(p[1 * 3 + 2]) + Math.Log(p[2 * 3 + 0])) / 3;
        Assert.Equal(byHand, NextItemLoss.Compute(scores, targets).item<float>(), 5);
    }
}
