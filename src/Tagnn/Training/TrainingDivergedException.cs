using System.Globalization;

namespace Tagnn.Training;

/// <summary>
/// Training produced a NaN or infinite loss, or non-finite weights: every later step and every score would be NaN, so
/// the <see cref="Trainer"/> stops at once. The message gives the epoch, the step, the learning rate and what to do;
/// <see cref="TrainingRun"/> adds what became of the run folder (the last good checkpoint is kept).
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">The epoch (0-based, as progress and metrics.jsonl number them).</param>
    /// <param name="step">The step within the epoch (1-based).</param>
    /// <param name="steps">Steps in the epoch.</param>
    /// <param name="learningRate">The learning rate of the epoch.</param>
    /// <param name="what">What was not finite, e.g. "the loss is NaN".</param>
    /// <param name="outcome">What became of the run's checkpoints, if known.</param>
    public TrainingDivergedException(int epoch, int step, int steps, double learningRate, string what, string? outcome = null)
        : base(Describe(epoch, step, steps, learningRate, what, outcome))
    {
        Epoch = epoch;
        Step = step;
        Steps = steps;
        LearningRate = learningRate;
        What = what;
        Outcome = outcome;
    }

    /// <summary>The epoch (0-based).</summary>
    public int Epoch { get; }

    /// <summary>The step within the epoch (1-based).</summary>
    public int Step { get; }

    /// <summary>Steps in the epoch.</summary>
    public int Steps { get; }

    /// <summary>The learning rate of the epoch.</summary>
    public double LearningRate { get; }

    /// <summary>What was not finite.</summary>
    public string What { get; }

    /// <summary>What became of the run's checkpoints, if known.</summary>
    public string? Outcome { get; }

    /// <summary>The same divergence, with what became of the run's checkpoints.</summary>
    public TrainingDivergedException WithOutcome(string outcome) => new(Epoch, Step, Steps, LearningRate, What, outcome);

    private static string Describe(int epoch, int step, int steps, double rate, string what, string? outcome)
    {
        var lr = rate.ToString("G3", CultureInfo.InvariantCulture);
        return $"Training diverged at epoch {epoch}, step {step} of {steps}: {what} (learning rate {lr}). " +
            (outcome is null ? "" : outcome + " ") +
            "Start again with a lower learning rate (--lr; the reference's is 0.001).";
    }
}
