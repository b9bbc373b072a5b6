using Tagnn.Evaluation;
using Tagnn.Training;

namespace Tagnn.Tests.Training;

/// <summary>The selection of the reported epoch, on hand-made per-epoch metrics (no training).</summary>
public sealed class EpochSelectionTests
{
    private static MetricsReport At20(double p20, double mrr20) => new(100, [new MetricsAtK(20, p20, mrr20, 0, 0, 0)]);

    // Observes every (P@20, MRR@20) pair in order, as the trainer does after each epoch; returns the history.
    private static List<EpochResult> Observe(EpochSelection selection, params (double P20, double Mrr20)[] epochs)
    {
        var history = new List<EpochResult>();
        foreach (var (p20, mrr20) in epochs)
        {
            var epoch = history.Count;
            var metrics = At20(p20, mrr20);
            var (improvement, _) = selection.Observe(epoch, metrics);
            history.Add(new EpochResult(epoch, 1e-3, 5, 1, 10, "test", metrics, improvement, selection.Best.BadEpochs, 1, 1));
        }
        return history;
    }

    [Fact]
    public void Reference_protocol_takes_the_best_P20_and_the_best_MRR20_separately_the_later_epoch_on_ties()
    {
        var selection = new EpochSelection(SelectionProtocol.Reference, SelectionMetric.HitRate);
        var history = Observe(selection, (30, 9), (32, 8), (32, 7), (31, 9));
        var result = selection.Result(history);
        Assert.Equal((32.0, 2), (result.HitRate20, result.HitRateEpoch));   // the tie at epoch 2 counts
        Assert.Equal((9.0, 3), (result.Mrr20, result.MrrEpoch));
        Assert.Equal(2, result.SelectedEpoch);
        Assert.Same(history[2].Metrics, result.Test);
        Assert.Null(result.Validation);
        Assert.True(result.SelectedOnTestSet);
        Assert.Equal(4, result.EpochsTrained);
        Assert.Equal("reference protocol: P@20 from epoch 2 and MRR@20 from epoch 3 of 4 epoch(s), each the best on the " +
            "test set; selected on the test set", result.Describe());
    }

    [Fact]
    public void The_selected_epoch_follows_the_select_by_metric_and_Observe_says_when_it_moves()
    {
        var selection = new EpochSelection(SelectionProtocol.Validation, SelectionMetric.Mrr);
        Assert.Equal(-1, selection.SelectedEpoch);
        Assert.True(selection.Observe(0, At20(30, 9)).Selected);
        Assert.False(selection.Observe(1, At20(40, 8)).Selected);            // better P@20, worse MRR@20
        Assert.True(selection.Observe(2, At20(20, 9)).Selected);             // a tie moves it to the later epoch
        Assert.False(selection.Observe(3, At20(double.NaN, double.NaN)).Selected);   // a diverged epoch never wins
        Assert.Equal((2, 9.0), (selection.SelectedEpoch, selection.SelectedValue));
        Assert.Equal((40.0, 1), (selection.Best.BestHitRate, selection.Best.BestHitRateEpoch));
    }

    [Fact]
    public void Validation_protocol_reports_the_test_metrics_of_the_selected_epoch()
    {
        var selection = new EpochSelection(SelectionProtocol.Validation, SelectionMetric.HitRate);
        var history = Observe(selection, (30, 9), (35, 8), (33, 10));
        Assert.Throws<ArgumentException>(() => selection.Result(history));   // the test metrics are required
        var test = At20(28, 7.5);
        var result = selection.Result(history, test);
        Assert.Equal((28.0, 1, 7.5, 1, 1), (result.HitRate20, result.HitRateEpoch, result.Mrr20, result.MrrEpoch, result.SelectedEpoch));
        Assert.Same(test, result.Test);
        Assert.Same(history[1].Metrics, result.Validation);
        Assert.False(result.SelectedOnTestSet);
        Assert.Equal("validation protocol: epoch 1 of 3 epoch(s), chosen by validation P@20; the test set scored once, at that epoch",
            result.Describe());
    }

    [Fact]
    public void A_restored_selection_continues_as_the_original()
    {
        var original = new EpochSelection(SelectionProtocol.Reference, SelectionMetric.HitRate);
        Observe(original, (30, 9), (29, 8));
        var restored = new EpochSelection(SelectionProtocol.Reference, SelectionMetric.HitRate);
        restored.Restore(original.Best.State, original.SelectedEpoch, original.SelectedValue);
        foreach (var s in new[] { original, restored }) s.Observe(2, At20(29.5, 8.5));
        Assert.Equal(original.Best.State, restored.Best.State);
        Assert.Equal((original.SelectedEpoch, original.SelectedValue), (restored.SelectedEpoch, restored.SelectedValue));
        Assert.Equal(2, restored.Best.BadEpochs);
    }

    [Fact]
    public void Nothing_to_report_before_the_first_epoch()
    {
        var selection = new EpochSelection(SelectionProtocol.Reference, SelectionMetric.HitRate);
        Assert.Throws<InvalidOperationException>(() => selection.Result([]));
    }
}
