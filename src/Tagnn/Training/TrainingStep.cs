using Tagnn.Graphs;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Training;

/// <summary>
/// One optimisation step, as the reference takes it: zero the gradients, compute the loss, backpropagate, update
/// with Adam. Nothing in it reads device memory on the host (issue 12): the loss comes back as a tensor, and the
/// caller reads it, if at all, after the step (progress, a NaN check).
/// </summary>
public static class TrainingStep
{
    /// <summary>Takes one step on <paramref name="batch"/> and returns the loss (a scalar tensor, not read).</summary>
    /// <param name="model">The model (the batch must be on its device).</param>
    /// <param name="optimizer">The optimiser over the model's parameters.</param>
    /// <param name="batch">The batch.</param>
    /// <param name="context">Where the step is in the run (what a sampled loss draws from).</param>
    /// <returns>The loss, in the caller's dispose scope.</returns>
    public static Tensor Run(SessionRecommender model, AdamOptimizer optimizer, SessionBatch batch, TrainingStepContext context)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(batch);
        optimizer.ZeroGrad();
        var loss = model.Loss(batch, context);
        loss.backward();
        optimizer.Step();
        return loss;
    }
}
