using System.Globalization;
using System.Text;
using Tagnn.Evaluation;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// <c>table1.md</c>: the table in the paper's layout (methods as rows, P@20 and MRR@20 as columns), the paper's
/// methods first, then the baselines the paper does not have; on the paper's own datasets the published numbers
/// beside ours with the difference; the data, the protocol, the epochs and the seeds stated above it.
/// </summary>
public static class Table1Markdown
{
    /// <summary>The heading of the rows of methods the paper's Table 1 does not have.</summary>
    public const string NotInPaper = "Not in the paper's Table 1";

    /// <summary>The file's text.</summary>
    public static string Render(Table1Result table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var paper = table.PaperDataset;
        var text = new StringBuilder();
        var d = table.Data;
        text.Append(CultureInfo.InvariantCulture, $"# Table 1 on {d.Name}\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"- **Data**: `{d.Path}` ({d.Dataset}{(d.Fraction is null ? "" : " " + d.Fraction)} in stats.json): {N(d.TrainExamples)} train and {N(d.TestExamples)} test examples, {N(d.Items)} items.\n");
        text.Append($"- **Published numbers**: {table.PaperDatasetNote}" +
            (paper is null ? "" : $" Beside ours: {PublishedResults.TagnnPaper}, {PublishedResults.Table1}, {paper} columns; Δ = ours − paper, in points.") + "\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Protocol**: {table.ProtocolNote}\n");
        var seeds = table.Seeds;
        text.Append(
            $"- **Training**: each neural model up to {table.Epochs} epoch(s) ({table.EpochsPreset}: {table.EpochsNote}), patience {table.Patience}, " +
            $"the reference's Adam and learning-rate schedule; seed{(seeds.Count > 1 ? "s" : "")} {string.Join(", ", seeds)}" +
            (seeds.Count > 1 ? $" (seed k = {seeds[0]} + k)" : "") + ". Run folders under `runs/`, baseline results under `baselines/`.\n");
        text.Append("- **Numbers**: percent; P@20 is the hit rate at 20 (the paper's name). Mean over seeds ± the sample standard deviation " +
            "(n − 1 in the denominator; none with one seed). " +
            (table.Protocol == SelectionProtocol.Reference
                ? "The baselines draw no random numbers and see the same examples for every seed: they run once (spread 0). "
                : "The baselines run once per seed, on that seed's training split. ") +
            "NDCG@20 at the epoch of the reported P@20; times are the mean seconds of one run (training or fitting; every scoring).\n\n");

        var header = paper is null
            ? "| Method | P@20 | MRR@20 | NDCG@20 | Seeds | Train s | Eval s | Status |\n|---|--:|--:|--:|--:|--:|--:|---|\n"
            : "| Method | P@20 | paper | Δ | MRR@20 | paper | Δ | NDCG@20 | Seeds | Train s | Eval s | Status |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n";
        text.Append(header);
        var run = table.Rows.ToDictionary(r => r.Model, StringComparer.Ordinal);
        // The paper's methods in its order, those not run included when its numbers are shown; then the others.
        var paperKeys = PublishedResults.TagnnTable1.Select(r => r.ModelKey).Distinct().ToList();
        foreach (var key in paperKeys)
        {
            if (run.TryGetValue(key, out var row)) text.Append(Line(row, paper));
            else if (paper is not null) text.Append(NotRun(key, paper));
        }
        var others = table.Rows.Where(r => !paperKeys.Contains(r.Model)).ToList();
        if (others.Count > 0)
        {
            var columns = paper is null ? 7 : 11;
            text.Append(CultureInfo.InvariantCulture, $"| *{NotInPaper}:* |{string.Concat(Enumerable.Repeat(" |", columns))}\n");
            foreach (var row in others) text.Append(Line(row, paper));
        }
        text.Append('\n');
        if (!table.Complete)
            text.Append("Some models are not done (see Status): the command writes this file after every run; run it again with the same --output to continue.\n");
        return text.ToString();
    }

    private static string Line(Table1Row r, string? paper)
    {
        var seeds = r.Deterministic ? "1 (deterministic)" : r.Seeds == r.PlannedRuns ? N(r.Seeds) : $"{r.Seeds} of {r.PlannedRuns}";
        var status = Cell(Status(r));
        var times = $"{Value(r.TrainSeconds, "F1")} | {Value(r.EvalSeconds, "F1")}";
        if (paper is null)
            return $"| {Cell(r.Title)} | {Metric(r.P20Mean, r.P20Std)} | {Metric(r.Mrr20Mean, r.Mrr20Std)} | {Value(r.Ndcg20Mean, "F2")} | {seeds} | {times} | {status} |\n";
        return $"| {Cell(r.Title)} | {Metric(r.P20Mean, r.P20Std)} | {Value(r.PaperP20, "F2")} | {Delta(r.P20Mean, r.PaperP20)} " +
            $"| {Metric(r.Mrr20Mean, r.Mrr20Std)} | {Value(r.PaperMrr20, "F2")} | {Delta(r.Mrr20Mean, r.PaperMrr20)} " +
            $"| {Value(r.Ndcg20Mean, "F2")} | {seeds} | {times} | {status} |\n";
    }

    private static string NotRun(string key, string paper)
    {
        var p20 = PublishedResults.Get(key, paper, PublishedResults.P20);
        var mrr = PublishedResults.Get(key, paper, PublishedResults.Mrr20);
        return $"| {Cell(p20.Model)} | — | {Value(p20.Value, "F2")} | — | — | {Value(mrr.Value, "F2")} | — | — | — | — | — | not run |\n";
    }

    private static string Status(Table1Row r) => r.Status switch
    {
        Table1Status.Done => "done",
        Table1Status.Pending => "pending: run the command again to continue",
        Table1Status.Cancelled => "cancelled: run the command again to continue",
        Table1Status.Partial => $"partial: {r.PlannedRuns - r.Seeds} of {r.PlannedRuns} runs failed: {r.Error}",
        _ => $"failed: {r.Error}",
    };

    private static string Metric(double? mean, double? std) =>
        mean is null ? "—" : std is { } s && s > 0 ? $"{Value(mean, "F2")} ± {Value(s, "F2")}" : Value(mean, "F2");

    private static string Delta(double? ours, double? published) =>
        ours is { } o && published is { } p ? (o - p).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "—";

    private static string Value(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Text safe inside a table cell: no pipe, no line break.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
