using System.Text.RegularExpressions;
using Plotly.NET;
using Tagnn.Course;
using Tagnn.Evaluation;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

/// <summary>Line charts: series against their x values, training curves (loss per step, metrics and rate per epoch, schedules).</summary>
public sealed class LineChartsTests
{
    private static EpochResult Epoch(int epoch, double rate, double p20, double mrr20, bool best = true) =>
        new(epoch, rate, 5.0 - epoch, 4, 40, "validation",
            new MetricsReport(10, [new MetricsAtK(20, p20, mrr20, 30, 12.5, 30)]),
            new EpochImprovement(best, false), best ? 0 : 1, 1.5, 0.25);

    [Fact]
    public void Line_plots_the_values_against_their_index_with_titles()
    {
        var json = GenericChart.toFigureJson(LineCharts.Line([3.0, 2.0, 1.5], "loss curve", xTitle: "step", yTitle: "loss", logY: true));
        Assert.Contains("\"x\":[0.0,1.0,2.0]", json);
        Assert.Contains("\"y\":[3.0,2.0,1.5]", json);
        Assert.Contains("\"text\":\"loss curve\"", json);
        Assert.Contains("\"text\":\"step\"", json);
        Assert.Contains("\"type\":\"log\"", json);
        Assert.Contains($"\"width\":{Plots.Width}", json);
    }

    [Fact]
    public void Lines_draws_one_trace_per_series_and_rejects_mismatched_lengths()
    {
        var json = GenericChart.toFigureJson(LineCharts.Lines([("train", null, [1.0, 0.5]), ("test", [0.0, 2.0], [1.2, 0.9])], "loss"));
        Assert.Contains("\"name\":\"train\"", json);
        Assert.Contains("\"name\":\"test\"", json);
        Assert.Contains("\"x\":[0.0,2.0]", json);
        Assert.DoesNotContain("\"type\":\"log\"", json);
        var e = Assert.Throws<ArgumentException>(() => LineCharts.Lines([("bad", [0.0], [1.0, 2.0])], "t"));
        Assert.Contains("'bad' has 1 x values but 2 y values", e.Message);
        Assert.Throws<ArgumentException>(() => LineCharts.Lines([], "t"));
    }

    [Fact]
    public void Loss_places_steps_in_epochs_with_ln_N_and_a_line_between_epochs()
    {
        StepLoss[] steps = [new(0, 1, 2, 7.0, 1e-3), new(0, 2, 2, 6.0, 1e-3), new(1, 1, 2, 5.0, 1e-3), new(1, 2, 2, 4.0, 1e-3)];
        var json = GenericChart.toFigureJson(LineCharts.Loss(steps, itemCount: 100, window: 3));
        Assert.Contains("\"x\":[0.5,1.0,1.5,2.0],\"y\":[7.0,6.0,5.0,4.0]", json);
        Assert.Contains("\"y\":[6.5,6.0,5.0,4.5]", json);                 // centred moving average of 3 (2 at the ends)
        Assert.Contains($"ln N = {Math.Log(100):0.00}", json);
        Assert.Matches("\"shapes\":\\[\\{[^]]*\"x0\":1", json);           // one boundary, at epoch 1
        Assert.Throws<ArgumentException>(() => LineCharts.Loss([]));
        var single = GenericChart.toFigureJson(LineCharts.Loss(steps, window: 1));
        Assert.DoesNotContain("moving average", single);                   // nothing to average
    }

    [Fact]
    public void Metrics_draw_P20_and_MRR20_and_the_rate_as_steps_on_a_log_right_axis()
    {
        EpochResult[] epochs = [Epoch(0, 1e-3, 40, 10), Epoch(1, 1e-3, 50, 15), Epoch(2, 1e-4, 52, 16)];
        var json = GenericChart.toFigureJson(LineCharts.Metrics(epochs));
        Assert.Contains("\"y\":[40.0,50.0,52.0]", json);
        Assert.Contains("\"y\":[10.0,15.0,16.0]", json);
        Assert.Contains("\"x\":[0.0,1.0,2.0,3.0],\"y\":[0.001,0.001,0.0001,0.0001]", json);   // held to the end of epoch 2
        Assert.Contains("\"yaxis\":\"y2\"", json);
        Assert.Contains("\"shape\":\"hv\"", json);
        Assert.Matches("\"yaxis2\":\\{[^}]*\"overlaying\":\"y\"", json);
        Assert.Matches("\"yaxis2\":\\{[^}]*\"type\":\"log\"", json);
        Assert.Contains("P@20 (validation)", json);
    }

    [Fact]
    public void Schedule_draws_the_rate_of_every_epoch_for_each_stepping()
    {
        var reference = new LearningRateSchedule();
        var textbook = reference with { Stepping = LearningRateStepping.Textbook };
        var json = GenericChart.toFigureJson(LineCharts.Schedule([("reference", reference), ("textbook", textbook)], epochs: 4));
        // epochs 0..3 and the end of the last one: reference decays after 2 epochs, textbook after 3
        Assert.Contains($"\"y\":[0.001,0.001,{reference.RateAt(2).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", json);
        Assert.Contains("\"y\":[0.001,0.001,0.001,", json);
        Assert.Equal(2, Regex.Matches(json, "\"shape\":\"hv\"").Count);
        Assert.Contains("\"type\":\"log\"", json);
        Assert.Throws<ArgumentException>(() => LineCharts.Schedule([], 3));
    }

    [Fact]
    public void Moving_average_is_centred_and_shrinks_at_the_ends()
    {
        Assert.Equal([1.5, 2.0, 3.0, 3.5], LineCharts.MovingAverage([1.0, 2.0, 3.0, 4.0], 3));
        Assert.Equal([1.0, 2.0], LineCharts.MovingAverage([1.0, 2.0], 1));
    }
}
