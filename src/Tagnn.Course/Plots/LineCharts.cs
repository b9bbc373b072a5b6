using System.Globalization;
using System.Net;
using Plotly.NET;
using Plotly.NET.CSharp;
using Tagnn.Evaluation;
using Tagnn.Training;
using static Tagnn.Course.PlotlyExtras;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Tagnn.Course;

/// <summary>
/// Line charts: one or several series, training curves (loss of every step, metrics and learning rate of every epoch,
/// learning-rate schedules; notebook 06), the two model-selection protocols on one run (notebook 07) and target
/// attention's share on the candidate's topic against chance (notebook 10). Styled with <see cref="Plots.Style"/>.
/// </summary>
public static class LineCharts
{
    private const string ValidationColor = "#1f77b4", TestColor = "#d62728";
    private const string LossColor = "#1f77b4", LightLossColor = "#9ecae1", HitColor = "#2ca02c", MrrColor = "#d62728",
        RateColor = "#7f7f7f";

    /// <summary>A line chart of one series, <paramref name="y"/> against <paramref name="x"/> (0, 1, 2, ... if null).</summary>
    /// <param name="y">The values.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="x">X values (default: the index).</param>
    /// <param name="logY">Logarithmic y axis (losses, long tails).</param>
    public static GenericChart Line(IEnumerable<double> y, string title, string xTitle = "", string yTitle = "",
        IEnumerable<double>? x = null, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Lines([(title, x, y)], title, xTitle, yTitle, logY);
    }

    /// <summary>Several named line series on shared axes (e.g. train and test loss).</summary>
    /// <param name="series">(name, x or null for the index, y) per series.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="logY">Logarithmic y axis.</param>
    /// <exception cref="ArgumentException">No series, or a series whose x and y lengths differ.</exception>
    public static GenericChart Lines(IEnumerable<(string Name, IEnumerable<double>? X, IEnumerable<double> Y)> series,
        string title, string xTitle = "", string yTitle = "", bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var traces = new List<GenericChart>();
        foreach (var (name, xs, ys) in series)
        {
            var y = ys.ToArray();
            var x = xs?.ToArray() ?? Enumerable.Range(0, y.Length).Select(i => (double)i).ToArray();
            if (x.Length != y.Length)
                throw new ArgumentException($"Series '{name}' has {x.Length} x values but {y.Length} y values.", nameof(series));
            traces.Add(PlotlyChart.Line<double, double, string>(x, y, Name: name, ShowMarkers: y.Length <= 50));
        }
        if (traces.Count == 0) throw new ArgumentException("At least one series is needed.", nameof(series));
        var chart = traces.Count == 1 ? traces[0] : PlotlyChart.Combine(traces);
        return Plots.Style(chart, title, xTitle, yTitle, logY: logY);
    }

    /// <summary>
    /// The two protocols on one run: per epoch, validation and test P@20 (left) and MRR@20 (right); the test numbers
    /// the reference protocol reports (best of each, possibly from different epochs) and the epoch the validation set
    /// chose are marked.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart Selection(SelectionStudy study, string title = "Choosing the epoch: on the test set, or on validation sessions")
    {
        ArgumentNullException.ThrowIfNull(study);
        var x = study.Epochs.Select(e => (double)e.Epoch).ToArray();
        GenericChart Panel(string metric, Func<MetricsReport, double> value, int referenceEpoch, bool legend)
        {
            var validation = PlotlyChart.Line<double, double, string>(x, study.Epochs.Select(e => value(e.Validation)), Name: "validation sessions",
                ShowMarkers: true, ShowLegend: legend, LineColor: Color.fromHex(ValidationColor), MarkerColor: Color.fromHex(ValidationColor));
            var test = PlotlyChart.Line<double, double, string>(x, study.Epochs.Select(e => value(e.Test)), Name: "test set",
                ShowMarkers: true, ShowLegend: legend, LineColor: Color.fromHex(TestColor), MarkerColor: Color.fromHex(TestColor));
            var reference = PlotlyChart.Point<double, double, string>([referenceEpoch], [value(study.Epochs[referenceEpoch].Test)],
                Name: "reference protocol reports (best test value)", ShowLegend: legend);
            reference = PlotlyExtras.SetTrace(reference, "marker", new Dictionary<string, object>
            {
                ["symbol"] = "star", ["size"] = 18, ["color"] = "#ffbf00", ["line"] = new Dictionary<string, object> { ["color"] = "#333", ["width"] = 1 },
            });
            var chosen = PlotlyChart.Point<double, double, string>([study.ValidationEpoch], [value(study.Epochs[study.ValidationEpoch].Test)],
                Name: "validation protocol reports (test at the validation's epoch)", ShowLegend: legend);
            chosen = PlotlyExtras.SetTrace(chosen, "marker", new Dictionary<string, object>
            {
                ["symbol"] = "circle-open", ["size"] = 22, ["color"] = "#333", ["line"] = new Dictionary<string, object> { ["width"] = 2 },
            });
            return PlotlyChart.Combine([validation, test, reference, chosen]);
        }
        var grid = PlotlyChart.Grid(
            [Panel("P@20", m => m[20].HitRate, study.ReferenceHitRateEpoch, true), Panel("MRR@20", m => m[20].Mrr, study.ReferenceMrrEpoch, false)],
            1, 2, SubPlotTitles: new[] { "P@20 (%)", "MRR@20 (%)" }, XGap: 0.12);
        grid = Plots.Style(grid, title, width: 820, height: 480);
        foreach (var axis in new[] { "xaxis", "xaxis2" })
            grid = PlotlyExtras.SetLayout(grid, axis, new Dictionary<string, object> { ["dtick"] = 1, ["title"] = new Dictionary<string, object> { ["text"] = "epoch" } });
        grid = PlotlyExtras.SetLayout(grid, "legend", new Dictionary<string, object> { ["orientation"] = "h", ["x"] = 0, ["y"] = -0.22, ["yanchor"] = "top" });
        return PlotlyExtras.SetLayout(grid, "margin", new Dictionary<string, object> { ["b"] = 130 });
    }

    /// <summary>
    /// The mean share of attention on the candidate's own topic against chance (the share of the session's clicks
    /// in that topic), one line per series, with the diagonal "share = chance" that an attention blind to topics
    /// follows. Points are grouped by chance into bins of width 1/<paramref name="bins"/>; a bin with fewer than
    /// <paramref name="minPairs"/> pairs is left out.
    /// </summary>
    /// <param name="series">(name, share of each pair, chance of each pair) per line, e.g. the trained model's beta,
    /// an untrained model's beta and the trained model's alpha.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="bins">Number of chance bins over [0, 1].</param>
    /// <param name="minPairs">Smallest number of pairs a bin needs to be drawn.</param>
    public static GenericChart ShareByChance(IEnumerable<(string Name, IEnumerable<(double Share, double Chance)> Pairs)> series,
        string title, int bins = 10, int minPairs = 20)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var traces = new List<GenericChart>
        {
            Trace("scatter", ("x", new[] { 0.0, 1.0 }), ("y", new[] { 0.0, 1.0 }), ("mode", "lines"), ("name", "chance (attention blind to topics)"),
                ("line", Obj(("color", "#999"), ("dash", "dash")))),
        };
        foreach (var (name, pairs) in series)
        {
            var groups = Bin(pairs, bins).Where(b => b.Count >= minPairs).ToList();
            traces.Add(Trace("scatter", ("x", groups.Select(g => g.MeanChance).ToArray()), ("y", groups.Select(g => g.MeanShare).ToArray()),
                ("mode", "lines+markers"), ("name", name),
                ("text", groups.Select(g => $"{g.Count:N0} pairs").ToArray()),
                ("hovertemplate", "chance %{x:.2f}: share %{y:.2f} (%{text})<extra>" + WebUtility.HtmlEncode(name) + "</extra>")));
        }
        var chart = Plotly.NET.CSharp.Chart.Combine(traces);
        return WithLayout(chart,
            ("title", Obj(("text", WebUtility.HtmlEncode(title)), ("x", 0.01))),
            ("width", Plots.Width), ("height", Plots.Height),
            ("xaxis", Obj(("title", Obj(("text", "chance: share of the session's clicks in the candidate's topic"))), ("range", new[] { 0, 1 }))),
            ("yaxis", Obj(("title", Obj(("text", "mean share of attention on that topic"))), ("range", new[] { 0, 1.03 }))),
            // Bottom right: below the diagonal, where no attention that favours the topic can be.
            ("legend", Obj(("x", 0.98), ("y", 0.02), ("xanchor", "right"), ("yanchor", "bottom"), ("bgcolor", "rgba(255,255,255,0.8)"))));
    }

    /// <summary>Groups pairs into <paramref name="bins"/> equal bins of chance; per bin the number of pairs and the
    /// mean chance and share (bins without pairs are left out).</summary>
    internal static IEnumerable<(int Count, double MeanChance, double MeanShare)> Bin(IEnumerable<(double Share, double Chance)> pairs, int bins) =>
        pairs.GroupBy(p => Math.Min(bins - 1, (int)Math.Floor(p.Chance * bins)))
            .OrderBy(g => g.Key)
            .Select(g => (g.Count(), g.Average(p => p.Chance), g.Average(p => p.Share)));

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

    private static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);

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
