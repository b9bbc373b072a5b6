using Tagnn.Evaluation;
using Tagnn.Training;

namespace Tagnn.Course;

/// <summary>
/// One model's line in a results table (notebook 07): the headline P@20 and MRR@20 and every other metric at K = 20,
/// all in percent except the popularity (a mean click count).
/// </summary>
/// <param name="Model">The model's name (e.g. "TAGNN", "SKNN").</param>
/// <param name="HitRate20">P@20 (HR@20), percent.</param>
/// <param name="Mrr20">MRR@20, percent.</param>
/// <param name="Metrics">Every metric by name (<c>ndcg@20</c>, <c>coverage@20</c>, <c>popularity@20</c>, ... as in
/// <see cref="MetricsReport.ToDictionary"/>).</param>
/// <param name="Note">How the numbers were obtained (protocol, epochs).</param>
public sealed record ResultRow(string Model, double HitRate20, double Mrr20, IReadOnlyDictionary<string, double> Metrics, string Note)
{
    /// <summary>A metric by name, or NaN when the row does not have it.</summary>
    public double this[string metric] => Metrics.TryGetValue(metric, out var v) ? v : double.NaN;

    /// <summary>
    /// A trained model's row from its run's <c>summary.json</c>: the reported P@20 and MRR@20 (under the reference
    /// protocol the best of each over the epochs, possibly from two epochs) and the other metrics at the selected
    /// epoch.
    /// </summary>
    public static ResultRow FromRun(string model, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var epochs = summary.HitRate20Epoch == summary.Mrr20Epoch
            ? $"epoch {summary.HitRate20Epoch}"
            : $"P@20 from epoch {summary.HitRate20Epoch}, MRR@20 from epoch {summary.Mrr20Epoch}";
        var note = summary.SelectedOn == "test"
            ? $"best of {summary.EpochsTrained} epoch(s) on the test set ({epochs})"
            : $"epoch {summary.SelectedEpoch} of {summary.EpochsTrained} chosen on validation, test scored once";
        return new ResultRow(model, summary.HitRate20, summary.Mrr20, summary.Test, note);
    }

    /// <summary>A baseline's row (baselines are not trained by epochs: nothing is selected).</summary>
    public static ResultRow FromBaseline(string model, BaselineResult baseline, string note = "no training epochs, nothing selected")
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return new ResultRow(model, baseline.HitRate20, baseline.Mrr20, baseline.Metrics, note);
    }
}
