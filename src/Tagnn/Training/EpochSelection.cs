using Tagnn.Evaluation;

namespace Tagnn.Training;

/// <summary>
/// Chooses the epoch whose numbers a run reports, under either <see cref="SelectionProtocol"/>, from the metrics of
/// the selection set after every epoch (the test set under the reference protocol, the held-out validation sessions
/// under the validation protocol):
/// <list type="bullet">
/// <item>the reference's bookkeeping (<see cref="Best"/>): the best P@20 and the best MRR@20, each with its epoch,
/// and the patience counter;</item>
/// <item>the selected epoch: the best by <see cref="SelectBy"/>, the later epoch on ties. Its weights are the run's
/// "best" weights (the trainer keeps a copy whenever <see cref="Observe"/> says so).</item>
/// </list>
/// <see cref="Result"/> turns that into the reported numbers: under the reference protocol the best test P@20 and the
/// best test MRR@20, taken separately; under the validation protocol the test metrics of the selected epoch.
/// </summary>
public sealed class EpochSelection
{
    /// <summary>Starts with no epoch seen.</summary>
    /// <param name="protocol">How the reported numbers are chosen.</param>
    /// <param name="selectBy">The metric at K = 20 that picks the selected epoch.</param>
    public EpochSelection(SelectionProtocol protocol, SelectionMetric selectBy)
    {
        if (!Enum.IsDefined(protocol)) throw new ArgumentException($"Unknown protocol {protocol}.", nameof(protocol));
        if (!Enum.IsDefined(selectBy)) throw new ArgumentException($"Unknown selection metric {selectBy}.", nameof(selectBy));
        Protocol = protocol;
        SelectBy = selectBy;
    }

    /// <summary>The protocol.</summary>
    public SelectionProtocol Protocol { get; }

    /// <summary>The metric that picks <see cref="SelectedEpoch"/>.</summary>
    public SelectionMetric SelectBy { get; }

    /// <summary>The best P@20 and MRR@20 on the selection set so far and the patience counter (the reference's
    /// bookkeeping).</summary>
    public BestResults Best { get; private set; } = new();

    /// <summary>The epoch with the best <see cref="SelectBy"/> on the selection set so far (the later one on ties);
    /// -1 before the first epoch.</summary>
    public int SelectedEpoch { get; private set; } = -1;

    /// <summary>Its <see cref="SelectBy"/> value, percent (negative infinity before the first epoch).</summary>
    public double SelectedValue { get; private set; } = double.NegativeInfinity;

    /// <summary>Records an epoch's metrics on the selection set.</summary>
    /// <param name="epoch">The epoch (0-based, in order).</param>
    /// <param name="metrics">Its metrics on the selection set (K = 20 is used).</param>
    /// <returns>Which of P@20 and MRR@20 it improved or tied (<see cref="BestResults.Observe"/>), and whether it is
    /// now the selected epoch (keep its weights).</returns>
    public (EpochImprovement Improvement, bool Selected) Observe(int epoch, MetricsReport metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var at20 = metrics[20];
        var improvement = Best.Observe(epoch, at20.HitRate, at20.Mrr);
        var value = SelectBy == SelectionMetric.HitRate ? at20.HitRate : at20.Mrr;
        if (!(value >= SelectedValue)) return (improvement, false);
        (SelectedValue, SelectedEpoch) = (value, epoch);
        return (improvement, true);
    }

    /// <summary>Puts back a saved state (<see cref="TrainerState"/>).</summary>
    public void Restore(BestResultsState best, int selectedEpoch, double selectedValue)
    {
        ArgumentNullException.ThrowIfNull(best);
        Best = new BestResults(best);
        (SelectedEpoch, SelectedValue) = (selectedEpoch, selectedValue);
    }

    /// <summary>The reported numbers.</summary>
    /// <param name="history">Every observed epoch, in order.</param>
    /// <param name="test">The test metrics of <see cref="SelectedEpoch"/>'s weights: required under the validation
    /// protocol (the test set is scored once, with those weights), unused under the reference protocol (the
    /// selection set is the test set).</param>
    /// <exception cref="InvalidOperationException">No epoch has been observed.</exception>
    /// <exception cref="ArgumentException">The validation protocol without <paramref name="test"/>.</exception>
    public SelectionResult Result(IReadOnlyList<EpochResult> history, MetricsReport? test = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0 || SelectedEpoch < 0) throw new InvalidOperationException("No epoch has been trained yet.");
        if (SelectedEpoch >= history.Count)
            throw new ArgumentException($"The history has {history.Count} epoch(s); the selected epoch is {SelectedEpoch}.", nameof(history));
        var selected = history[SelectedEpoch];
        if (Protocol == SelectionProtocol.Reference)
        {
            return new SelectionResult(Protocol, SelectBy, history.Count, Best.BestHitRate, Best.BestHitRateEpoch, Best.BestMrr,
                Best.BestMrrEpoch, SelectedEpoch, selected.Metrics, null);
        }
        if (test is null) throw new ArgumentException("The validation protocol reports the test metrics of the selected epoch: pass them.", nameof(test));
        var (p20, mrr20) = test.Headline;
        return new SelectionResult(Protocol, SelectBy, history.Count, p20, SelectedEpoch, mrr20, SelectedEpoch, SelectedEpoch,
            test, selected.Metrics);
    }
}
