namespace Tagnn.Training;

/// <summary>The bookkeeping of a <see cref="Trainer"/> that a checkpoint saves besides tensors.</summary>
/// <param name="CompletedEpochs">Epochs done; the next epoch trains with the schedule's rate for this index and the
/// batch order of this index (the only randomness of training, a pure function of (seed, epoch)).</param>
/// <param name="Best">The best results and the patience counter.</param>
/// <param name="SelectedEpoch">The epoch whose weights are kept as the best.</param>
/// <param name="SelectedValue">Its selection metric.</param>
/// <param name="History">Every epoch's record.</param>
/// <param name="OptimizerSteps">Adam's step count per parameter.</param>
public sealed record TrainerState(
    int CompletedEpochs,
    BestResultsState Best,
    int SelectedEpoch,
    double SelectedValue,
    IReadOnlyList<EpochResult> History,
    IReadOnlyDictionary<string, long> OptimizerSteps);
