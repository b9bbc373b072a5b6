namespace Tagnn.Training;

/// <summary>
/// A progress report of a <see cref="Trainer"/>, its one progress channel (the <see cref="IProgress{T}"/> passed to
/// <see cref="Trainer.Fit"/>, <see cref="Trainer.TrainEpoch"/>, <see cref="Trainer.Select"/> or
/// <see cref="TrainingRun.Run"/>): sent after every training step and every evaluation batch, and once after every
/// epoch with the epoch's record (<see cref="TrainingPhase.EpochCompleted"/>), for progress bars and live plots.
/// Reports arrive on the training thread, in order.
/// </summary>
/// <param name="Phase">Training, evaluating, or the epoch is over.</param>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Epochs">Epochs the run trains at most.</param>
/// <param name="Step">Batches done in this phase (1-based after the first).</param>
/// <param name="Steps">Batches of this phase.</param>
/// <param name="Examples">Examples done in this phase.</param>
/// <param name="TotalExamples">Examples of this phase.</param>
/// <param name="Loss">The last training batch's loss (NaN otherwise).</param>
/// <param name="MeanLoss">Mean batch loss of the epoch so far (NaN while evaluating; the epoch's mean when it is
/// over).</param>
/// <param name="LearningRate">The epoch's learning rate.</param>
/// <param name="Elapsed">Time spent in this phase of this epoch (the whole epoch when it is over).</param>
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
    /// <summary>The finished epoch's record on the <see cref="TrainingPhase.EpochCompleted"/> report; null on the
    /// others.</summary>
    public EpochResult? Completed { get; init; }

    /// <summary>The report that an epoch is over: its steps and examples, its mean loss and rate, its wall time and
    /// its record.</summary>
    /// <param name="epoch">The finished epoch.</param>
    /// <param name="epochs">Epochs the run trains at most.</param>
    public static TrainingProgress EpochDone(EpochResult epoch, int epochs)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        return new TrainingProgress(TrainingPhase.EpochCompleted, epoch.Epoch, epochs, epoch.TrainSteps, epoch.TrainSteps,
            epoch.TrainExamples, epoch.TrainExamples, double.NaN, epoch.TrainLoss, epoch.LearningRate,
            TimeSpan.FromSeconds(epoch.Seconds)) { Completed = epoch };
    }

    /// <summary>Examples per second in this phase so far.</summary>
    public double ExamplesPerSecond => Elapsed.TotalSeconds > 0 ? Examples / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left in this phase at the current rate (null before the rate is known).</summary>
    public TimeSpan? Remaining => ExamplesPerSecond > 0
        ? TimeSpan.FromSeconds((TotalExamples - Examples) / ExamplesPerSecond)
        : null;
}
