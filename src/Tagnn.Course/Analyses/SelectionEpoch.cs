using Tagnn.Evaluation;

namespace Tagnn.Course;

/// <summary>One epoch of a <see cref="SelectionStudy"/>: the same weights scored on the validation and the test set.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="LearningRate">The rate it trained with.</param>
/// <param name="TrainLoss">Its mean training loss.</param>
/// <param name="Validation">Metrics on the held-out validation sessions.</param>
/// <param name="Test">Metrics on the test set (which a fair protocol would not look at here).</param>
public sealed record SelectionEpoch(int Epoch, double LearningRate, double TrainLoss, MetricsReport Validation, MetricsReport Test);
