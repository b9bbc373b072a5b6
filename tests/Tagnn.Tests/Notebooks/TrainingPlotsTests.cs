using System.Text.RegularExpressions;
using Plotly.NET;
using Tagnn.Evaluation;
using Tagnn.Course;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

public sealed class TrainingPlotsTests
{
    private static EpochResult Epoch(int epoch, double rate, double p20, double mrr20, bool best = true) =>
        new(epoch, rate, 5.0 - epoch, 4, 40, "validation",
            new MetricsReport(10, [new MetricsAtK(20, p20, mrr20, 30, 12.5, 30)]),
            new EpochImprovement(best, false), best ? 0 : 1, 1.5, 0.25);

    [Fact]
    public void Loss_places_steps_in_epochs_with_ln_N_and_a_line_between_epochs()
    {
        StepLoss[] steps = [new(0, 1, 2, 7.0, 1e-3), new(0, 2, 2, 6.0, 1e-3), new(1, 1, 2, 5.0, 1e-3), new(1, 2, 2, 4.0, 1e-3)];
        var json = GenericChart.toFigureJson(TrainingPlots.Loss(steps, itemCount: 100, window: 3));
        Assert.Contains("\"x\":[0.5,1.0,1.5,2.0],\"y\":[7.0,6.0,5.0,4.0]", json);
        Assert.Contains("\"y\":[6.5,6.0,5.0,4.5]", json);                 // centred moving average of 3 (2 at the ends)
        Assert.Contains($"ln N = {Math.Log(100):0.00}", json);
        Assert.Matches("\"shapes\":\\[\\{[^]]*\"x0\":1", json);           // one boundary, at epoch 1
        Assert.Throws<ArgumentException>(() => TrainingPlots.Loss([]));
        var single = GenericChart.toFigureJson(TrainingPlots.Loss(steps, window: 1));
        Assert.DoesNotContain("moving average", single);                   // nothing to average
    }

    [Fact]
    public void Metrics_draw_P20_and_MRR20_and_the_rate_as_steps_on_a_log_right_axis()
    {
        EpochResult[] epochs = [Epoch(0, 1e-3, 40, 10), Epoch(1, 1e-3, 50, 15), Epoch(2, 1e-4, 52, 16)];
        var json = GenericChart.toFigureJson(TrainingPlots.Metrics(epochs));
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
        var json = GenericChart.toFigureJson(TrainingPlots.Schedule([("reference", reference), ("textbook", textbook)], epochs: 4));
        // epochs 0..3 and the end of the last one: reference decays after 2 epochs, textbook after 3
        Assert.Contains($"\"y\":[0.001,0.001,{reference.RateAt(2).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}", json);
        Assert.Contains("\"y\":[0.001,0.001,0.001,", json);
        Assert.Equal(2, Regex.Matches(json, "\"shape\":\"hv\"").Count);
        Assert.Contains("\"type\":\"log\"", json);
        Assert.Throws<ArgumentException>(() => TrainingPlots.Schedule([], 3));
    }

    [Fact]
    public void Epoch_table_has_a_row_per_epoch_and_marks_new_bests()
    {
        var html = TrainingPlots.EpochTable([Epoch(0, 1e-3, 40, 10), Epoch(1, 1e-4, 39.5, 9, best: false)], "runs").Html;
        Assert.Equal(2, Regex.Matches(html, "<tr style=\"border-bottom:1px").Count);
        Assert.Contains(">40.00 *<", html);
        Assert.Contains(">39.50<", html);
        Assert.Contains(">1e-4<", html);
        Assert.Contains("runs", html);
    }

    [Fact]
    public void Run_files_lists_what_a_run_folder_holds_and_what_is_missing()
    {
        using var folder = CourseRepository.NewTempFolder();
        var config = new RunConfig
        {
            Model = Tagnn.Model.ModelConfig.ForTagnn(5),
            Training = new TrainingOptions(),
            Data = new RunData(null, 4, 10, 3, null, null, 5, 4, null, 3, null),
        };
        var run = RunFolder.Create(Path.Combine(folder.Path, "run"), config);
        var html = TrainingPlots.RunFiles(run).Html;
        Assert.Contains("config.json", html);
        Assert.Matches("config.json</td><td[^>]*>[0-9.]+ (B|KB)<", html);
        Assert.Matches("summary.json</td><td[^>]*>missing<", html);
        Assert.Contains("checkpoints/best.safetensors", html);
    }

    [Fact]
    public void Moving_average_is_centred_and_shrinks_at_the_ends()
    {
        Assert.Equal([1.5, 2.0, 3.0, 3.5], TrainingPlots.MovingAverage([1.0, 2.0, 3.0, 4.0], 3));
        Assert.Equal([1.0, 2.0], TrainingPlots.MovingAverage([1.0, 2.0], 1));
    }
}
