using Tagnn.Evaluation;
using Tagnn.Course;
using Tagnn.Tests.Training;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

public sealed class TrainingMonitorTests
{
    private static TrainingProgress Step(int epoch, int step, int steps, double loss) =>
        new(TrainingPhase.Train, epoch, 2, step, steps, step * 10, steps * 10, loss, loss, 1e-3, TimeSpan.FromSeconds(step));

    private static TrainingProgress Scoring(int epoch, int step, int steps) =>
        new(TrainingPhase.Evaluate, epoch, 2, step, steps, step * 10, steps * 10, double.NaN, double.NaN, 1e-3, TimeSpan.FromSeconds(step));

    private static EpochResult Epoch(int epoch, double p20, double mrr20) =>
        new(epoch, 1e-3, 5.5, 4, 40, "test",
            new MetricsReport(10, [new MetricsAtK(20, p20, mrr20, p20 / 2, 12.5, 30)]),
            new EpochImprovement(true, epoch == 0), 0, 1.5, 0.25);

    [Fact]
    public void Records_training_steps_and_places_them_in_epochs()
    {
        var monitor = new TrainingMonitor("t", redrawSeconds: 0);
        monitor.Report(Step(0, 1, 4, 7.2));
        monitor.Report(Step(0, 2, 4, 7.0));
        monitor.Report(Scoring(0, 1, 3));                   // evaluation reports carry no loss
        Assert.Equal([7.2, 7.0], monitor.Steps.Select(s => s.Loss));
        Assert.Equal(0.25, monitor.Steps[0].Position);
        Assert.Equal(0.5, monitor.Steps[1].Position);
        Assert.Equal(1.0, new StepLoss(0, 4, 4, 1, 1e-3).Position);
    }

    [Fact]
    public void Redraws_at_most_once_per_interval_but_always_on_phase_changes_ends_and_epochs()
    {
        var monitor = new TrainingMonitor("t", redrawSeconds: 3600);
        var views = new List<HtmlFigure>();
        monitor.Redraw += views.Add;
        monitor.Report(Step(0, 1, 4, 7.2));                 // first report: redraw
        monitor.Report(Step(0, 2, 4, 7.1));                 // within the interval: none
        monitor.Report(Step(0, 3, 4, 7.0));
        Assert.Single(views);
        monitor.Report(Step(0, 4, 4, 6.9));                 // the phase ends: redraw
        monitor.Report(Scoring(0, 1, 2));                   // a new phase: redraw
        monitor.Report(TrainingProgress.EpochDone(Epoch(0, 25, 8), 2)); // an epoch: redraw
        monitor.Finish("written");                          // finished: redraw
        Assert.Equal(5, views.Count);
        Assert.Contains("finished: written", views[^1].Html);
    }

    [Fact]
    public void The_view_shows_progress_the_latest_loss_and_a_table_of_epochs()
    {
        var monitor = new TrainingMonitor("TAGNN <demo>", redrawSeconds: 0);
        Assert.Contains("waiting for the first batch", monitor.View().Html);
        monitor.Report(Step(0, 1, 4, 7.25));
        monitor.Report(Step(0, 2, 4, 6.75));
        var view = monitor.View().Html;
        Assert.Contains("TAGNN &lt;demo&gt;", view);                  // the title is encoded
        Assert.Contains("batch loss 6.750", view);
        Assert.Contains("epoch 0 mean 7.000", view);
        Assert.Contains("epoch 0: training, batch 2 of 4", view);
        Assert.Contains("<svg", view);                                 // the loss sparkline
        Assert.DoesNotContain("<script", view);
        monitor.Report(Step(0, 4, 4, 6.5));
        monitor.Report(Scoring(0, 3, 3));
        var scored = monitor.View().Html;
        Assert.Contains("run: 1 of 2 epoch(s) done", scored);          // known from the end of the evaluation
        monitor.Add(Epoch(0, 31.25, 9.5));
        view = monitor.View().Html;
        Assert.Contains("31.25 *", view);                              // P@20, a new best
        Assert.Contains("9.50 *", view);
        Assert.Contains("best test P@20 31.25, MRR@20 9.50", monitor.Status());
    }

    [Fact]
    public void A_monitor_that_saw_nothing_says_the_run_was_loaded()
    {
        var monitor = new TrainingMonitor("cached");
        monitor.Finish();
        Assert.Contains("nothing was trained", monitor.View().Html);
        Assert.True(monitor.IsFinished);
    }

    [Fact]
    public void Follows_the_trainer_it_is_passed_to()
    {
        var prepared = TinyData.Prepared();
        var options = TinyData.Options(epochs: 2);
        var data = TrainingData.From(prepared, options);
        using var trainer = Trainer.Create(TinyData.TagnnConfig(data.ItemTableSize), data, options);
        var monitor = new TrainingMonitor("tiny");
        var first = trainer.TrainEpoch(progress: monitor);
        Assert.Equal(first.TrainSteps, monitor.Steps.Count);
        Assert.Equal(first.TrainLoss, monitor.Steps.Average(s => s.Loss), 6);
        Assert.Same(first, Assert.Single(monitor.Epochs));     // from the epoch report
        trainer.TrainEpoch();                                    // without the monitor
        Assert.Single(monitor.Epochs);
        Assert.Equal(first.TrainSteps, monitor.Steps.Count);
    }
}
