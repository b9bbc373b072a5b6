using System.Globalization;
using Spectre.Console;
using Tagnn.Training;

namespace Tagnn.Cli.Commands.Training;

/// <summary>
/// Shows a <see cref="Trainer"/>'s progress reports with Spectre.Console: a bar for the whole run and one for the
/// current phase (training steps or evaluation), with the loss, the learning rate, the rate in examples per second and
/// the time left; one line per finished epoch (<see cref="TrainingPhase.EpochCompleted"/>) stays on screen above the
/// bars.
/// </summary>
internal sealed class ProgressDisplay : IProgress<TrainingProgress>
{
    private readonly ProgressContext context;
    private readonly ProgressTask run;
    private readonly int trainExamples;
    private readonly int firstEpoch;
    private ProgressTask? phase;
    private (TrainingPhase Phase, int Epoch)? current;

    private ProgressDisplay(ProgressContext context, int epochs, int firstEpoch, int trainExamples)
    {
        this.context = context;
        this.trainExamples = trainExamples;
        this.firstEpoch = firstEpoch;
        run = context.AddTask($"[bold]epochs {firstEpoch}/{epochs}[/]", maxValue: Math.Max(1, (double)(epochs - firstEpoch) * trainExamples));
    }

    /// <summary>Runs <paramref name="body"/> with a progress display to pass to the trainer (prints per-epoch lines as
    /// epochs finish).</summary>
    public static T Show<T>(Trainer trainer, int epochs, Func<IProgress<TrainingProgress>, T> body)
    {
        // Redirected output (CI, logs): no live bars, a line every 10% of an epoch and one per epoch.
        if (!AnsiConsole.Profile.Capabilities.Interactive) return body(new PlainProgress());
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                result = body(new ProgressDisplay(ctx, epochs, trainer.CompletedEpochs, trainer.Data.Train.Count));
            });
        return result;
    }

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        if (value.Completed is { } epoch)
        {
            EpochDone(epoch);
            return;
        }
        if (current != (value.Phase, value.Epoch))
        {
            phase?.StopTask();
            var name = value.Phase switch
            {
                TrainingPhase.Train => $"epoch {value.Epoch}",
                TrainingPhase.Evaluate => $"epoch {value.Epoch}: scoring",
                _ => $"test (epoch {value.Epoch})",
            };
            phase = context.AddTask(name, maxValue: Math.Max(1, value.TotalExamples));
            current = (value.Phase, value.Epoch);
        }
        phase!.Value = value.Examples;
        var rate = value.ExamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        if (value.Phase == TrainingPhase.Train)
        {
            phase.Description = $"epoch {value.Epoch} [grey]loss[/] {value.MeanLoss.ToString("F3", CultureInfo.InvariantCulture)} " +
                $"[grey]lr[/] {value.LearningRate.ToString("0.####E+0", CultureInfo.InvariantCulture)} [grey]{rate} ex/s[/]";
            run.Value = (double)(value.Epoch - firstEpoch) * trainExamples + value.Examples;
            run.Description = $"[bold]epochs {value.Epoch}/{value.Epochs}[/]";
        }
        else
        {
            phase.Description = $"{(value.Phase == TrainingPhase.Evaluate ? $"epoch {value.Epoch}: scoring" : "test")} [grey]{rate} ex/s[/]";
        }
    }

    private void EpochDone(EpochResult e)
    {
        phase?.StopTask();
        current = null;
        WriteEpoch(e);
    }

    private static void WriteEpoch(EpochResult e)
    {
        var at20 = e.Metrics[20];
        var marks = string.Join(", ", new[] { e.Improvement.HitRate ? "P@20" : null, e.Improvement.Mrr ? "MRR@20" : null }.OfType<string>());
        AnsiConsole.MarkupLine(
            $"epoch {e.Epoch,2}  [grey]loss[/] {e.TrainLoss.ToString("F4", CultureInfo.InvariantCulture)}  " +
            $"[grey]lr[/] {e.LearningRate.ToString("0.####E+0", CultureInfo.InvariantCulture)}  " +
            $"[grey]{e.EvaluatedOn}[/] P@20 {TrainingCli.Pct(at20.HitRate)}  MRR@20 {TrainingCli.Pct(at20.Mrr)}  " +
            $"[grey]{e.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture)} s train + {e.EvalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s eval[/]" +
            (marks.Length > 0 ? $"  [green]new best {marks}[/]" : $"  [yellow]no improvement ({e.BadEpochs} so far)[/]"));
    }

    /// <summary>Progress as plain lines: one every 10% of a training epoch.</summary>
    private sealed class PlainProgress : IProgress<TrainingProgress>
    {
        private int lastDecile = -1;
        private int lastEpoch = -1;

        public void Report(TrainingProgress value)
        {
            if (value.Completed is { } epoch) WriteEpoch(epoch);
            if (value.Phase != TrainingPhase.Train) return;
            if (value.Epoch != lastEpoch) (lastEpoch, lastDecile) = (value.Epoch, 0);
            var decile = value.TotalExamples == 0 ? 10 : 10 * value.Examples / value.TotalExamples;
            if (decile <= lastDecile || decile == 10) return;
            lastDecile = decile;
            var eta = value.Remaining is { } r ? $", {r.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s left in the epoch" : "";
            Console.WriteLine($"epoch {value.Epoch} {10 * decile}%: loss {value.MeanLoss.ToString("F4", CultureInfo.InvariantCulture)}, " +
                $"{value.ExamplesPerSecond.ToString("F0", CultureInfo.InvariantCulture)} ex/s{eta}");
        }
    }
}
