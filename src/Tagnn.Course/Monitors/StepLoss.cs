namespace Tagnn.Course;

/// <summary>One training step's loss, as a <see cref="TrainingMonitor"/> records it.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="Steps">Steps of the epoch.</param>
/// <param name="Loss">The batch's mean cross-entropy.</param>
/// <param name="LearningRate">The rate the step used.</param>
public readonly record struct StepLoss(int Epoch, int Step, int Steps, double Loss, double LearningRate)
{
    /// <summary>Where the step lies in epochs: <c>Epoch + Step / Steps</c> (epoch 0's last step is at 1.0).</summary>
    public double Position => Epoch + (double)Step / Math.Max(Steps, 1);
}
