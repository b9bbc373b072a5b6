using System.Globalization;
using System.Text;
using Plotly.NET;
using Plotly.NET.CSharp;
using Tagnn.Training;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>
/// Charts and tables of training (notebook 06): the loss of every step, the metrics of every epoch with the learning
/// rate, the learning-rate schedule, a table of epochs, and what a run folder holds. Styled like <see cref="Plots"/>.
/// </summary>
public static class TrainingPlots
{
    private const string LossColor = "#1f77b4", LightLossColor = "#9ecae1", HitColor = "#2ca02c", MrrColor = "#d62728",
        RateColor = "#7f7f7f";

    private static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// The loss of every training step against the epoch (step k of an epoch of n steps at <c>epoch + k / n</c>),
    /// with a moving average, a dashed line at every epoch boundary and, when <paramref name="itemCount"/> is given,
    /// the loss of a uniform guess over the items, ln N (where an untrained model starts).
    /// </summary>
    /// <param name="steps">The steps (<see cref="TrainingMonitor.Steps"/>).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="itemCount">N, the number of items, to draw ln N; null draws nothing.</param>
    /// <param name="window">Steps in the centred moving average (default: about a fortieth of the run, at least 1).</param>
    /// <exception cref="ArgumentException">No step.</exception>
    public static GenericChart Loss(IReadOnlyList<StepLoss> steps, string title = "Training loss of every batch",
        int? itemCount = null, int? window = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) throw new ArgumentException("No training step to draw.", nameof(steps));
        var w = Math.Max(1, window ?? steps.Count / 40);
        var x = steps.Select(s => s.Position).ToArray();
        var y = steps.Select(s => s.Loss).ToArray();
        var traces = new List<GenericChart>
        {
            PlotlyChart.Line<double, double, string>(x, y, Name: "batch loss", LineColor: Color.fromHex(w > 1 ? LightLossColor : LossColor),
                LineWidth: w > 1 ? 1 : 2),
        };
        if (w > 1)
        {
            traces.Add(PlotlyChart.Line<double, double, string>(x, MovingAverage(y, w), Name: $"moving average ({w} batches)",
                LineColor: Color.fromHex(LossColor), LineWidth: 2.5));
        }
        var lastEpoch = (int)Math.Ceiling(x[^1]);
        var firstEpoch = steps[0].Epoch;
        if (itemCount is { } n)
        {
            var uniform = Math.Log(n);
            traces.Add(PlotlyChart.Line<double, double, string>([firstEpoch, lastEpoch], [uniform, uniform],
                Name: $"ln N = {F(uniform)} (a uniform guess over N = {n:N0} items)", LineColor: Color.fromHex(RateColor),
                LineDash: StyleParam.DrawingStyle.Dash));
        }
        var chart = PlotlyChart.Combine(traces);
        chart = PlotlyExtras.SetLayout(chart, "shapes", Enumerable.Range(firstEpoch + 1, Math.Max(0, lastEpoch - firstEpoch - 1))
            .Select(e => (object)new Dictionary<string, object>
            {
                ["type"] = "line", ["x0"] = e, ["x1"] = e, ["yref"] = "paper", ["y0"] = 0, ["y1"] = 1,
                ["line"] = new Dictionary<string, object> { ["color"] = "#bbb", ["dash"] = "dot", ["width"] = 1 },
            }).ToArray());
        chart = Legend(chart);
        return Plots.Style(chart, title, "epoch", "cross-entropy loss", height: 460);
    }

    /// <summary>
    /// P@20 and MRR@20 of every epoch (left axis, percent) and the learning rate the epoch trained with (right axis,
    /// logarithmic, drawn as steps).
    /// </summary>
    /// <param name="epochs">The epochs (<see cref="Trainer.History"/>, <see cref="TrainingMonitor.Epochs"/> or a run
    /// folder's <see cref="RunFolder.ReadMetrics"/>).</param>
    /// <param name="title">Chart title (default names the evaluated set).</param>
    /// <exception cref="ArgumentException">No epoch.</exception>
    public static GenericChart Metrics(IReadOnlyList<EpochResult> epochs, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Count == 0) throw new ArgumentException("No epoch to draw.", nameof(epochs));
        var x = epochs.Select(e => (double)e.Epoch).ToArray();
        var set = epochs[0].EvaluatedOn;
        var hit = PlotlyChart.Line<double, double, string>(x, epochs.Select(e => e.Metrics[20].HitRate), Name: $"P@20 ({set})",
            ShowMarkers: true, LineColor: Color.fromHex(HitColor), MarkerColor: Color.fromHex(HitColor));
        var mrr = PlotlyChart.Line<double, double, string>(x, epochs.Select(e => e.Metrics[20].Mrr), Name: $"MRR@20 ({set})",
            ShowMarkers: true, LineColor: Color.fromHex(MrrColor), MarkerColor: Color.fromHex(MrrColor));
        // The rate holds over the whole epoch: a step drawn from epoch e to e + 1 (shape "hv").
        var rateX = x.Append(x[^1] + 1).ToArray();
        var rateY = epochs.Select(e => e.LearningRate).Append(epochs[^1].LearningRate).ToArray();
        var rate = PlotlyChart.Line<double, double, string>(rateX, rateY, Name: "learning rate (right axis)",
            LineColor: Color.fromHex(RateColor), LineDash: StyleParam.DrawingStyle.Dash);
        rate = PlotlyExtras.SetTrace(rate, "yaxis", "y2");
        rate = StepShape(rate, RateColor, dash: "dash");
        var chart = PlotlyChart.Combine([hit, mrr, rate]);
        chart = Plots.Style(chart, title ?? $"{set} metrics after every epoch, and the learning rate", "epoch", "percent", height: 460);
        chart = PlotlyExtras.SetLayout(chart, "yaxis2", new Dictionary<string, object>
        {
            ["overlaying"] = "y", ["side"] = "right", ["type"] = "log", ["showgrid"] = false, ["exponentformat"] = "power",
            ["title"] = new Dictionary<string, object> { ["text"] = "learning rate" },
        });
        chart = PlotlyExtras.SetLayout(chart, "xaxis", new Dictionary<string, object> { ["dtick"] = 1 });
        return Legend(chart);
    }

    /// <summary>
    /// Learning-rate schedules over <paramref name="epochs"/> epochs, each drawn as steps (epoch e trains with its
    /// rate from e to e + 1) on a logarithmic axis: e.g. the reference's stepping against the textbook StepLR.
    /// </summary>
    /// <param name="schedules">(name, schedule) per line.</param>
    /// <param name="epochs">Epochs to draw (the reference trains 30).</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">No schedule.</exception>
    public static GenericChart Schedule(IEnumerable<(string Name, LearningRateSchedule Schedule)> schedules, int epochs = 30,
        string title = "Learning rate of every epoch")
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        string[] colors = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd"];
        var traces = new List<GenericChart>();
        foreach (var (name, schedule) in schedules)
        {
            var color = colors[traces.Count % colors.Length];
            var x = Enumerable.Range(0, epochs + 1).Select(e => (double)e).ToArray();
            var y = Enumerable.Range(0, epochs + 1).Select(e => schedule.RateAt(Math.Min(e, epochs - 1))).ToArray();
            var trace = PlotlyChart.Line<double, double, string>(x, y, Name: name, LineColor: Color.fromHex(color));
            trace = StepShape(trace, color, dash: traces.Count == 0 ? "solid" : "dash");
            traces.Add(trace);
        }
        if (traces.Count == 0) throw new ArgumentException("At least one schedule is needed.", nameof(schedules));
        var chart = Plots.Style(traces.Count == 1 ? traces[0] : PlotlyChart.Combine(traces), title, "epoch", "learning rate", logY: true);
        chart = PlotlyExtras.SetLayout(chart, "xaxis", new Dictionary<string, object> { ["dtick"] = 1, ["range"] = new[] { -0.3, epochs + 0.3 } });
        chart = PlotlyExtras.SetLayout(chart, "yaxis", new Dictionary<string, object> { ["exponentformat"] = "power" });
        return Legend(chart);
    }

    /// <summary>A table of epochs: rate, mean training loss, the evaluated set's P@20, MRR@20 and NDCG@20 (a new best
    /// marked *), the patience counter and the time.</summary>
    /// <param name="epochs">The epochs.</param>
    /// <param name="caption">A caption, or null.</param>
    public static HtmlFigure EpochTable(IReadOnlyList<EpochResult> epochs, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        string[] heads = ["epoch", "lr", "train loss", "evaluated on", "P@20", "MRR@20", "NDCG@20", "bad epochs", "train s", "eval s"];
        const int textColumn = 3;                                       // "evaluated on"; every other column is a number
        var table = new HtmlTable(caption).Head(heads.Select((h, i) => (h, i != textColumn)));
        foreach (var e in epochs)
        {
            var m = e.Metrics[20];
            string[] cells =
            [
                e.Epoch.ToString(CultureInfo.InvariantCulture), e.LearningRate.ToString("0.###e0", CultureInfo.InvariantCulture),
                F(e.TrainLoss, "0.0000"), e.EvaluatedOn, F(m.HitRate) + (e.Improvement.HitRate ? " *" : ""),
                F(m.Mrr) + (e.Improvement.Mrr ? " *" : ""), F(m.Ndcg), e.BadEpochs.ToString(CultureInfo.InvariantCulture),
                F(e.TrainSeconds, "0.0"), F(e.EvalSeconds, "0.0"),
            ];
            table.Row("border-bottom:1px solid #e4e4e4");
            for (var i = 0; i < cells.Length; i++) table.Cell(cells[i], number: i != textColumn);
        }
        return table.ToFigure(caption ?? $"{epochs.Count} epoch(s)", "percent; * = a new best (or a tie), as the reference counts it");
    }

    /// <summary>What a run folder holds: every file with its size and what it is for, and the run's headline
    /// numbers when it has finished.</summary>
    /// <param name="folder">The run folder.</param>
    public static HtmlFigure RunFiles(RunFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        (string Path, string What)[] files =
        [
            (RunFolder.ConfigFile, "everything needed to repeat the run: model, training options, data, device, versions, command"),
            (RunFolder.MetricsFile, "one JSON line per epoch: lr, train loss, every metric of the evaluated set, timings"),
            (Path.Combine(RunFolder.CheckpointsFolder, RunFolder.LastCheckpointFile), "weights, Adam's moments, RNG and history after the last epoch (resume from it)"),
            (Path.Combine(RunFolder.CheckpointsFolder, RunFolder.BestCheckpointFile), "the same, at the selected epoch"),
            (RunFolder.SummaryFile, "the reported P@20 / MRR@20 with how they were selected, baselines, timings"),
        ];
        var html = new StringBuilder();
        html.Append("<div style=\"font-family:").Append(SvgCanvas.Font).Append(";font-size:13px\">");
        html.Append("<div style=\"font-family:monospace;margin-bottom:4px\">").Append(HtmlFigure.Encode(folder.Directory)).Append("/</div>");
        html.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (path, what) in files)
        {
            var full = Path.Combine(folder.Directory, path);
            var size = File.Exists(full) ? Size(new FileInfo(full).Length) : "missing";
            html.Append("<tr><td style=\"padding:2px 10px 2px 18px;font-family:monospace\">").Append(HtmlFigure.Encode(path.Replace('\\', '/')))
                .Append("</td><td style=\"padding:2px 10px;text-align:right;font-variant-numeric:tabular-nums\">").Append(size)
                .Append("</td><td style=\"padding:2px 10px;color:#555\">").Append(HtmlFigure.Encode(what)).Append("</td></tr>");
        }
        html.Append("</table></div>");
        return new HtmlFigure(html.ToString(), $"run folder {folder.Directory}");
    }

    internal static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        var result = new double[values.Count];
        var half = window / 2;
        for (var i = 0; i < values.Count; i++)
        {
            int from = Math.Max(0, i - half), to = Math.Min(values.Count - 1, i + half);
            double sum = 0;
            for (var j = from; j <= to; j++) sum += values[j];
            result[i] = sum / (to - from + 1);
        }
        return result;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} MB",
    };

    private static GenericChart StepShape(GenericChart trace, string color, string dash) =>
        PlotlyExtras.SetTrace(trace, "line", new Dictionary<string, object> { ["shape"] = "hv", ["color"] = color, ["dash"] = dash, ["width"] = 2 });

    private static GenericChart Legend(GenericChart chart)
    {
        chart = PlotlyExtras.SetLayout(chart, "legend", new Dictionary<string, object>
        {
            ["orientation"] = "h", ["x"] = 0, ["y"] = -0.2, ["yanchor"] = "top",
        });
        return PlotlyExtras.SetLayout(chart, "margin", new Dictionary<string, object> { ["b"] = 110 });
    }
}
