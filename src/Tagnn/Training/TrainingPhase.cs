namespace Tagnn.Training;

/// <summary>What a <see cref="Trainer"/> is doing when it reports progress (<see cref="TrainingProgress.Phase"/>).</summary>
public enum TrainingPhase
{
    /// <summary>Training steps (forward, backward, Adam).</summary>
    Train,

    /// <summary>Scoring the selection set (test or validation) after an epoch.</summary>
    Evaluate,

    /// <summary>Scoring the test set once at the selected epoch (validation protocol).</summary>
    Test,

    /// <summary>An epoch is over, evaluated and recorded: the one report per epoch that carries its record
    /// (<see cref="TrainingProgress.Completed"/>).</summary>
    EpochCompleted,
}
