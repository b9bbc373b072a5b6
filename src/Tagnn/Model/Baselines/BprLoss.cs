using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// The BPR loss of Rendle et al. (UAI 2009, the BPR-Opt criterion without its prior, which the trainer's L2 weight
/// decay plays): the mean over pairs of -ln sigma(x_pos - x_neg), where x_pos and x_neg are the model's scores of the
/// positive and the sampled negative item in the same context.
/// </summary>
public static class BprLoss
{
    /// <summary>-mean ln sigma(<paramref name="positive"/> - <paramref name="negative"/>).</summary>
    /// <param name="positive">(P) scores of the positive items.</param>
    /// <param name="negative">(P) scores of their negatives.</param>
    /// <returns>A scalar.</returns>
    public static Tensor Compute(Tensor positive, Tensor negative)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(negative);
        using var scope = NewDisposeScope();
        // -ln sigma(x) = softplus(-x) = ln(1 + e^-x), computed stably (and with a kernel on every device, unlike log_sigmoid).
        return nn.functional.softplus(negative - positive).mean().MoveToOuterDisposeScope();
    }
}
