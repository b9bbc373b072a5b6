using Tagnn.Evaluation;

namespace Tagnn.Training;

/// <summary>The numbers a run reports, and how they were selected.</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Label">A sentence saying how the numbers were selected (print it next to them).</param>
/// <param name="HitRate20">The reported P@20 (HR@20), percent.</param>
/// <param name="HitRateEpoch">The epoch it comes from.</param>
/// <param name="Mrr20">The reported MRR@20, percent.</param>
/// <param name="MrrEpoch">The epoch it comes from (may differ from <paramref name="HitRateEpoch"/> under the
/// reference protocol).</param>
/// <param name="SelectedEpoch">The epoch whose weights are the run's "best" checkpoint: the best validation epoch, or
/// under the reference protocol the best test P@20 epoch.</param>
/// <param name="Test">Test metrics at <paramref name="SelectedEpoch"/> (scored once under the validation protocol).</param>
/// <param name="Validation">Validation metrics at <paramref name="SelectedEpoch"/>, or null (reference protocol).</param>
public sealed record SelectionResult(
    SelectionProtocol Protocol,
    string Label,
    double HitRate20,
    int HitRateEpoch,
    double Mrr20,
    int MrrEpoch,
    int SelectedEpoch,
    MetricsReport Test,
    MetricsReport? Validation)
{
    /// <summary>Whether the numbers were chosen by looking at the test set (the reference protocol).</summary>
    public bool SelectedOnTestSet => Protocol == SelectionProtocol.Reference;
}
