namespace Tagnn.Training;

/// <summary>
/// A progress report of a <see cref="Trainer"/>: sent after every training step and every evaluation batch (to an
/// <see cref="IProgress{T}"/> and the <see cref="Trainer.Progress"/> event), for progress bars and live plots.
/// </summary>
/// <param name="Phase">Training or evaluating.</param>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Epochs">Epochs the run trains at most.</param>
/// <param name="Step">Batches done in this phase (1-based after the first).</param>
/// <param name="Steps">Batches of this phase.</param>
/// <param name="Examples">Examples done in this phase.</param>
/// <param name="TotalExamples">Examples of this phase.</param>
/// <param name="Loss">The last training batch's loss (NaN while evaluating).</param>
/// <param name="MeanLoss">Mean batch loss of the epoch so far (NaN while evaluating).</param>
/// <param name="LearningRate">The epoch's learning rate.</param>
/// <param name="Elapsed">Time spent in this phase of this epoch.</param>
public sealed record TrainingProgress(
    TrainingPhase Phase,
    int Epoch,
    int Epochs,
    int Step,
    int Steps,
    int Examples,
    int TotalExamples,
    double Loss,
    double MeanLoss,
    double LearningRate,
    TimeSpan Elapsed)
{
    /// <summary>Examples per second in this phase so far.</summary>
    public double ExamplesPerSecond => Elapsed.TotalSeconds > 0 ? Examples / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left in this phase at the current rate (null before the rate is known).</summary>
    public TimeSpan? Remaining => ExamplesPerSecond > 0
        ? TimeSpan.FromSeconds((TotalExamples - Examples) / ExamplesPerSecond)
        : null;
}
