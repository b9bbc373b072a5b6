using Tagnn.Evaluation;

namespace Tagnn.Training;

/// <summary>The numbers a run reports, and how they were selected (<see cref="EpochSelection"/>).</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="SelectBy">The metric that picked <paramref name="SelectedEpoch"/>.</param>
/// <param name="EpochsTrained">Epochs the selection chose among.</param>
/// <param name="HitRate20">The reported P@20 (HR@20), percent.</param>
/// <param name="HitRateEpoch">The epoch it comes from.</param>
/// <param name="Mrr20">The reported MRR@20, percent.</param>
/// <param name="MrrEpoch">The epoch it comes from (may differ from <paramref name="HitRateEpoch"/> under the
/// reference protocol).</param>
/// <param name="SelectedEpoch">The epoch whose weights are the run's "best" checkpoint: the best validation epoch, or
/// under the reference protocol the best test epoch by <paramref name="SelectBy"/>.</param>
/// <param name="Test">Test metrics at <paramref name="SelectedEpoch"/> (scored once under the validation protocol).</param>
/// <param name="Validation">Validation metrics at <paramref name="SelectedEpoch"/>, or null (reference protocol).</param>
public sealed record SelectionResult(
    SelectionProtocol Protocol,
    SelectionMetric SelectBy,
    int EpochsTrained,
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

    /// <summary>
    /// The selection as one factual sentence (the <c>label</c> of <c>summary.json</c>), e.g. "reference protocol:
    /// P@20 from epoch 3 and MRR@20 from epoch 2 of 5 epoch(s), each the best on the test set; selected on the test
    /// set". How to present it to a reader (warnings, what it is comparable with) is the front end's business.
    /// </summary>
    public string Describe()
    {
        var metric = SelectBy == SelectionMetric.HitRate ? "P@20" : "MRR@20";
        return Protocol == SelectionProtocol.Reference
            ? $"reference protocol: P@20 from epoch {HitRateEpoch} and MRR@20 from epoch {MrrEpoch} of {EpochsTrained} epoch(s), " +
              "each the best on the test set; selected on the test set"
            : $"validation protocol: epoch {SelectedEpoch} of {EpochsTrained} epoch(s), chosen by validation {metric}; " +
              "the test set scored once, at that epoch";
    }
}
