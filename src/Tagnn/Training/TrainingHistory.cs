namespace Tagnn.Training;

/// <summary>What <see cref="Trainer.Fit"/> returns: every epoch and the selected numbers.</summary>
/// <param name="Epochs">Every epoch trained so far (resumed runs include the earlier ones).</param>
/// <param name="Selection">The selected numbers.</param>
/// <param name="StoppedEarly">Whether patience ended the run before its last epoch.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochResult> Epochs, SelectionResult Selection, bool StoppedEarly);
