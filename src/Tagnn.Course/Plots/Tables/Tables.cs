using System.Globalization;
using System.Text;
using Tagnn.Data;
using Tagnn.Training;

namespace Tagnn.Course;

/// <summary>
/// The course's HTML tables, in one style (<see cref="HtmlTable"/>): a Table-1-style results table (notebook 07),
/// dataset statistics (notebook 02), the epochs of a training run and what a run folder holds (notebook 06). Each
/// returns an <see cref="HtmlFigure"/>.
/// </summary>
public static class Tables
{
    private static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// A results table in the style of the papers' Table 1: one row per model with P@20, MRR@20, NDCG@20 (the best of
    /// each column in bold), catalogue coverage@20 and the mean training popularity of the recommended items, and a
    /// note on how each row was obtained.
    /// </summary>
    /// <param name="rows">The rows, in display order.</param>
    /// <param name="caption">A caption (say which data and which protocol).</param>
    /// <exception cref="ArgumentException">No row.</exception>
    public static HtmlFigure Results(IReadOnlyList<ResultRow> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("No row.", nameof(rows));
        (string Head, Func<ResultRow, double> Value, string Format, bool Bold)[] columns =
        [
            ("P@20", r => r.HitRate20, "0.00", true),
            ("MRR@20", r => r.Mrr20, "0.00", true),
            ("NDCG@20", r => r["ndcg@20"], "0.00", true),
            ("coverage@20", r => r["coverage@20"], "0.0", false),
            ("popularity@20", r => r["popularity@20"], "N0", false),
        ];
        var best = columns.Select(c => rows.Select(c.Value).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max()).ToArray();
        var table = new HtmlTable(caption).Head([("model", false), .. columns.Select(c => (c.Head, true)), ("how", false)]);
        foreach (var r in rows)
        {
            table.Row("border-bottom:1px solid #e4e4e4").Cell(r.Model);
            for (var i = 0; i < columns.Length; i++)
            {
                var v = columns[i].Value(r);
                var text = double.IsNaN(v) ? "–" : v.ToString(columns[i].Format, CultureInfo.InvariantCulture);
                table.Cell(text, number: true, bold: columns[i].Bold && !double.IsNaN(v) && v == best[i]);
            }
            table.Cell(r.Note, style: "color:#555");
        }
        return table.ToFigure(caption ?? "results",
            "percent, except popularity@20: the mean number of training clicks of the recommended items; bold = best of the column");
    }

    /// <summary>
    /// A dataset-statistics table in the papers' Table 1 style: one row per (dataset, source), "–" where a figure is not
    /// reported, the note in the last column.
    /// </summary>
    public static HtmlFigure Statistics(IEnumerable<DatasetStatistics> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        static string N(long? v) => v is { } x ? x.ToString("N0", CultureInfo.InvariantCulture) : "–";
        var table = new HtmlTable(caption).Head(new[] { "dataset", "source", "clicks", "train examples", "test examples", "items", "avg. length", "note" }
            .Select(h => (h, h is not ("dataset" or "source" or "note"))));
        string? previous = null;
        foreach (var r in list)
        {
            table.Row(previous is not null && previous != r.Dataset ? "border-top:1px solid #bbb;" : null);   // a line between datasets
            previous = r.Dataset;
            table.Cell(r.Dataset).Cell(r.Source)
                .Cell(N(r.Clicks), number: true).Cell(N(r.TrainExamples), number: true).Cell(N(r.TestExamples), number: true)
                .Cell(N(r.Items), number: true)
                .Cell(r.AverageLength is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) : "–", number: true)
                .Cell(r.Note);
        }
        return table.ToFigure(caption ?? "dataset statistics");
    }

    /// <summary>A table of epochs: rate, mean training loss, the evaluated set's P@20, MRR@20 and NDCG@20 (a new best
    /// marked *), the patience counter and the time.</summary>
    /// <param name="epochs">The epochs.</param>
    /// <param name="caption">A caption, or null.</param>
    public static HtmlFigure Epochs(IReadOnlyList<EpochResult> epochs, string? caption = null)
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

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} MB",
    };
}
