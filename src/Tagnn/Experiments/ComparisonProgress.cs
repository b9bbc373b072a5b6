using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// A progress report of <see cref="ModelComparison"/> (and <see cref="ModelSweep"/>): every report of the running
/// trainer (<see cref="Training"/>, the <see cref="Trainer"/>'s own channel, passed through), and one when a run is over
/// (<see cref="Finished"/>). Reports arrive on the training thread, in order.
/// </summary>
/// <param name="Model">The model being trained.</param>
/// <param name="Seed">Its seed.</param>
/// <param name="Run">1-based number of the run (seed-major: every model with the first seed, then the second, ...).</param>
/// <param name="Runs">Runs in all (models x seeds).</param>
public sealed record ComparisonProgress(string Model, long Seed, int Run, int Runs)
{
    /// <summary>The trainer's report, or null on the report that the run is over.</summary>
    public TrainingProgress? Training { get; init; }

    /// <summary>The finished run, or null while it trains.</summary>
    public ComparisonRun? Finished { get; init; }
}
