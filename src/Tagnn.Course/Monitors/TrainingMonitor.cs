using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tagnn.Training;

namespace Tagnn.Course;

/// <summary>
/// A live view of a training run for notebooks: passed as the <see cref="IProgress{T}"/> of a <see cref="Trainer"/>
/// (or of <see cref="TrainingRun.Run"/>, <see cref="CourseModels.Trained"/>), it records the progress reports and
/// finished epochs and draws them as one HTML figure (progress bars, the current loss and rate, a loss sparkline and
/// a table of epochs), raising <see cref="Redraw"/> at most every <see cref="RedrawInterval"/> and after every epoch.
/// </summary>
/// <remarks>
/// <para>In a notebook, show the first view and update it in place: <c>KernelInvocationContext.Current.Display(x)</c>
/// (namespace <c>Microsoft.DotNet.Interactive</c>) returns a handle whose <c>Update</c> replaces what it shows; VS Code
/// redraws it live, and the course runner's HTML page keeps the final state. (The kernel's <c>display(x)</c> returns a
/// handle too, but in .NET Interactive 1.0.0-beta.26120 and the dotnet-interactive tool 1.0.712001 its updates carry
/// another id than the display, so they add outputs instead of replacing it.)</para>
/// <code>
/// var monitor = new TrainingMonitor("TAGNN on the sample");
/// var live = KernelInvocationContext.Current.Display(monitor.View());
/// monitor.Redraw += view => live.Update(view);
/// trainer.Fit(progress: monitor);   // or run.Run(monitor), CourseModels.Trained(progress: monitor)
/// monitor.Finish();
/// </code>
/// <para>The view is plain HTML and SVG, with no script, so it renders the same in every front end. The monitor
/// keeps every step's loss (<see cref="Steps"/>) and every epoch (<see cref="Epochs"/>) for the charts of
/// <see cref="LineCharts.Loss"/> and <see cref="LineCharts.Metrics"/> afterwards.</para>
/// </remarks>
public sealed class TrainingMonitor : IProgress<TrainingProgress>
{
    private readonly List<StepLoss> steps = [];
    private readonly List<EpochResult> epochs = [];
    private readonly HashSet<int> scoredEpochs = [];   // epochs whose evaluation finished (seen in progress reports)
    private readonly Stopwatch clock = new();
    private readonly Stopwatch sinceRedraw = new();
    private TrainingProgress? last;
    private string? finished;

    /// <summary>Creates a monitor.</summary>
    /// <param name="title">Shown at the top of the view (say what is trained, and where).</param>
    /// <param name="redrawSeconds">Least time between two redraws (progress reports arrive after every batch).</param>
    public TrainingMonitor(string title = "Training", double redrawSeconds = 0.5)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfNegative(redrawSeconds);
        Title = title;
        RedrawInterval = TimeSpan.FromSeconds(redrawSeconds);
    }

    /// <summary>The title of the view.</summary>
    public string Title { get; }

    /// <summary>Least time between two redraws caused by progress reports.</summary>
    public TimeSpan RedrawInterval { get; }

    /// <summary>Raised with a fresh <see cref="View"/>: at most every <see cref="RedrawInterval"/> while steps
    /// arrive, whenever a phase ends, after every epoch and on <see cref="Finish"/>.</summary>
    public event Action<HtmlFigure>? Redraw;

    /// <summary>Every training step's loss so far, in order.</summary>
    public IReadOnlyList<StepLoss> Steps => steps;

    /// <summary>Every finished epoch so far.</summary>
    public IReadOnlyList<EpochResult> Epochs => epochs;

    /// <summary>The last progress report of a phase (training, scoring), or null.</summary>
    public TrainingProgress? Last => last;

    /// <summary>Wall time since the first report.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Whether <see cref="Finish"/> was called.</summary>
    public bool IsFinished => finished is not null;

    /// <summary>Records a progress report (training steps add to <see cref="Steps"/>, a finished epoch to
    /// <see cref="Epochs"/>) and redraws when due.</summary>
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!clock.IsRunning) clock.Start();
        if (value.Completed is { } epoch)
        {
            Add(epoch);
            return;
        }
        var phaseChanged = last is null || last.Phase != value.Phase || last.Epoch != value.Epoch;
        last = value;
        if (value.Phase == TrainingPhase.Train && !double.IsNaN(value.Loss))
            steps.Add(new StepLoss(value.Epoch, value.Step, value.Steps, value.Loss, value.LearningRate));
        var phaseDone = value.Step >= value.Steps;
        if (phaseDone && value.Phase == TrainingPhase.Evaluate) scoredEpochs.Add(value.Epoch);
        if (phaseChanged || phaseDone || !sinceRedraw.IsRunning || sinceRedraw.Elapsed >= RedrawInterval) RaiseRedraw();
    }

    /// <summary>Records a finished epoch (<see cref="Report"/> does it for the trainer's
    /// <see cref="TrainingPhase.EpochCompleted"/> reports) and redraws.</summary>
    public void Add(EpochResult epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        epochs.Add(epoch);
        RaiseRedraw();
    }

    /// <summary>Marks the run as over and redraws (the view then says so, with <paramref name="note"/>, e.g. where
    /// the run was written).</summary>
    public void Finish(string? note = null)
    {
        clock.Stop();
        finished = note ?? (last is null ? "nothing was trained (a cached run was loaded)" : "done");
        RaiseRedraw();
    }

    /// <summary>The current state as HTML: title and status, a bar for the run and one for the current phase, the
    /// latest loss, rate and speed, the loss of every step so far (SVG) and the finished epochs.</summary>
    public HtmlFigure View()
    {
        var html = new StringBuilder();
        html.Append("<div style=\"font-family:").Append(SvgCanvas.Font).Append(";font-size:13px;max-width:")
            .Append(Plots.Width).Append("px;color:").Append(SvgCanvas.Ink).Append("\">");
        html.Append("<div style=\"font-weight:bold;font-size:14px\">").Append(HtmlFigure.Encode(Title)).Append("</div>");
        html.Append("<div style=\"margin:2px 0 6px;color:#555\">").Append(HtmlFigure.Encode(Status())).Append("</div>");
        if (last is { } p)
        {
            // Finished epochs: from the epoch reports, or from the end of their evaluation (the epoch report follows it).
            var done = Math.Max(epochs.Count(e => e.Epoch >= FirstEpoch), scoredEpochs.Count(e => e >= FirstEpoch));
            var total = Math.Max(p.Epochs - FirstEpoch, 1);
            var phaseShare = p.Steps > 0 ? Math.Clamp((double)p.Step / p.Steps, 0, 1) : 0;
            // An epoch is counted as 95% training and 5% scoring (roughly what they take).
            var current = p.Epoch < FirstEpoch + done ? 0 : p.Phase == TrainingPhase.Train ? 0.95 * phaseShare : 0.95 + 0.05 * phaseShare;
            var runShare = finished is not null ? 1.0 : Math.Clamp((done + current) / total, 0, 1);
            Bar(html, $"run: {done} of {total} epoch(s) done", runShare, SvgCanvas.Blue);
            var phase = p.Phase switch
            {
                TrainingPhase.Train => $"epoch {p.Epoch}: training, batch {p.Step:N0} of {p.Steps:N0}",
                TrainingPhase.Evaluate => $"epoch {p.Epoch}: scoring {(epochs.Count > 0 ? $"the {epochs[^1].EvaluatedOn} set" : "after the epoch")}, batch {p.Step:N0} of {p.Steps:N0}",
                _ => $"scoring the test set once (epoch {p.Epoch}), batch {p.Step:N0} of {p.Steps:N0}",
            };
            Bar(html, phase, phaseShare, SvgCanvas.Orange);
            var facts = new List<string>();
            if (steps.Count > 0)
            {
                var s = steps[^1];
                facts.Add($"batch loss {s.Loss.ToString("0.000", CultureInfo.InvariantCulture)}");
                var epochLosses = steps.Where(x => x.Epoch == s.Epoch).Select(x => x.Loss).ToList();
                facts.Add($"epoch {s.Epoch} mean {epochLosses.Average().ToString("0.000", CultureInfo.InvariantCulture)}");
            }
            facts.Add($"lr {p.LearningRate.ToString("0.###e0", CultureInfo.InvariantCulture)}");
            if (p.ExamplesPerSecond > 0) facts.Add($"{p.ExamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} examples/s");
            if (finished is null && p.Remaining is { } left) facts.Add($"{Seconds(left)} left in this phase");
            facts.Add($"{Seconds(Elapsed)} elapsed");
            html.Append("<div style=\"margin:4px 0;font-variant-numeric:tabular-nums\">").Append(HtmlFigure.Encode(string.Join(" · ", facts))).Append("</div>");
        }
        if (steps.Count > 1) html.Append(Sparkline(steps, p: last));
        if (epochs.Count > 0) html.Append(Tables.Epochs(epochs).Html);
        html.Append("</div>");
        return new HtmlFigure(html.ToString(), $"{Title}: {Status()}");
    }

    /// <summary>A one-line status: what is happening (or happened).</summary>
    public string Status()
    {
        if (last is null) return finished ?? "waiting for the first batch...";
        var best = epochs.Count == 0 ? "" :
            $"; best {epochs[^1].EvaluatedOn} P@20 {epochs.Max(e => e.Metrics[20].HitRate).ToString("0.00", CultureInfo.InvariantCulture)}, " +
            $"MRR@20 {epochs.Max(e => e.Metrics[20].Mrr).ToString("0.00", CultureInfo.InvariantCulture)}";
        var state = finished is not null ? $"finished: {finished}" : last.Phase == TrainingPhase.Train ? "training" : "scoring";
        return $"{state}; {steps.Count:N0} step(s), {Math.Max(epochs.Count, scoredEpochs.Count)} epoch(s) evaluated{best}";
    }

    private int FirstEpoch => steps.Count > 0 ? steps[0].Epoch : last?.Epoch ?? 0;

    private void RaiseRedraw()
    {
        sinceRedraw.Restart();
        Redraw?.Invoke(View());
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds < 90
        ? $"{t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s"
        : $"{(int)t.TotalMinutes} min {t.Seconds:00} s";

    private static void Bar(StringBuilder html, string label, double share, string color)
    {
        var percent = (100 * share).ToString("0.0", CultureInfo.InvariantCulture);
        html.Append("<div style=\"display:flex;align-items:center;gap:8px;margin:3px 0\">")
            .Append("<div style=\"flex:0 0 300px;height:12px;background:#eee;border-radius:6px;overflow:hidden\">")
            .Append("<div style=\"height:100%;width:").Append(percent).Append("%;background:").Append(color).Append("\"></div></div>")
            .Append("<div style=\"white-space:nowrap\">").Append(HtmlFigure.Encode($"{percent}%  {label}")).Append("</div></div>");
    }

    /// <summary>The loss of every step as a small SVG line, with an exponential moving average and epoch marks.</summary>
    internal static string Sparkline(IReadOnlyList<StepLoss> steps, TrainingProgress? p = null, double width = Plots.Width, double height = 150)
    {
        const double left = 48, right = 12, top = 16, bottom = 24;
        var points = Thin(steps, 600);
        var start = Math.Floor(steps[0].Position - 1.0 / Math.Max(steps[0].Steps, 1));
        var end = Math.Max(Math.Ceiling(steps[^1].Position), start + 1);
        if (p is { } last && last.Epochs > end) end = last.Epochs;
        var low = points.Min(x => x.Loss);
        var high = points.Max(x => x.Loss);
        if (high - low < 1e-9) { high += 0.5; low -= 0.5; }
        double X(double position) => left + (position - start) / (end - start) * (width - left - right);
        double Y(double loss) => top + (high - loss) / (high - low) * (height - top - bottom);
        var canvas = new SvgCanvas(width, height, "loss of every training step");
        canvas.Line(left, top, left, height - bottom, SvgCanvas.Muted, 1);
        canvas.Line(left, height - bottom, width - right, height - bottom, SvgCanvas.Muted, 1);
        for (var e = (int)start; e <= (int)end; e++)
        {
            canvas.Line(X(e), top, X(e), height - bottom, SvgCanvas.Grey, 1, dash: "3 3");
            canvas.Text(X(e), height - bottom + 11, e.ToString(CultureInfo.InvariantCulture), 10, SvgCanvas.Muted);
        }
        canvas.Text(width - right, height - 4, "epoch", 10, SvgCanvas.Muted, anchor: "end");
        canvas.Text(left - 4, Y(high), high.ToString("0.00", CultureInfo.InvariantCulture), 10, SvgCanvas.Muted, anchor: "end");
        canvas.Text(left - 4, Y(low), low.ToString("0.00", CultureInfo.InvariantCulture), 10, SvgCanvas.Muted, anchor: "end");
        canvas.Text(left, 7, "batch loss (light) and its moving average", 10, SvgCanvas.Muted, anchor: "start");
        canvas.Path(PathOf(points.Select(s => (X(s.Position), Y(s.Loss)))), "#9ecae1", 1);
        canvas.Path(PathOf(Smooth(points).Select(s => (X(s.Position), Y(s.Loss)))), SvgCanvas.Blue, 2);
        return canvas.ToFigure().Html;
    }

    // At most `max` points: consecutive steps averaged in equal buckets (a picture, not data).
    private static List<StepLoss> Thin(IReadOnlyList<StepLoss> steps, int max)
    {
        if (steps.Count <= max) return [.. steps];
        var result = new List<StepLoss>(max);
        for (var b = 0; b < max; b++)
        {
            var from = (int)((long)b * steps.Count / max);
            var to = (int)((long)(b + 1) * steps.Count / max);
            var lastOfBucket = steps[to - 1];
            var mean = 0.0;
            for (var i = from; i < to; i++) mean += steps[i].Loss;
            result.Add(lastOfBucket with { Loss = mean / (to - from) });
        }
        return result;
    }

    // Bias-corrected exponential moving average (as TensorBoard smooths), over about a thirtieth of the points
    // (at least 5) so that short runs are not flattened.
    private static IEnumerable<StepLoss> Smooth(IReadOnlyList<StepLoss> points)
    {
        var keep = 1 - 1.0 / Math.Max(5, points.Count / 30.0);
        double average = 0, weight = 0;
        foreach (var s in points)
        {
            average = keep * average + (1 - keep) * s.Loss;
            weight = keep * weight + (1 - keep);
            yield return s with { Loss = average / weight };
        }
    }

    private static string PathOf(IEnumerable<(double X, double Y)> points)
    {
        var d = new StringBuilder();
        foreach (var (x, y) in points) d.Append(d.Length == 0 ? "M" : " L").Append(SvgCanvas.F(x)).Append(',').Append(SvgCanvas.F(y));
        return d.ToString();
    }
}
