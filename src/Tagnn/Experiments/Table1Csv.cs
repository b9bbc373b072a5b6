using System.Globalization;
using nietras.SeparatedValues;
using Tagnn.IO;

namespace Tagnn.Experiments;

/// <summary>
/// <c>table1.csv</c>: one row per model with exactly the columns of <see cref="Columns"/>. Metrics are in percent
/// with four decimals, times in seconds with two; an empty cell is a number that does not exist: every metric of a
/// model with no finished run (failed or not run yet; <c>seeds</c> is then 0; <c>table1.md</c> and
/// <c>table1.json</c> say why), or the spread of a model trained with one seed (the sample standard deviation of one
/// value is undefined).
/// </summary>
public static class Table1Csv
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["model", "seeds", "p20_mean", "p20_std", "mrr20_mean", "mrr20_std", "ndcg20_mean", "train_seconds", "eval_seconds"];

    /// <summary>The header line.</summary>
    public static string Header => string.Join(',', Columns);

    /// <summary>The file's text.</summary>
    public static string Format(IEnumerable<Table1Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = Sep.New(',').Writer(o => o with { CultureInfo = CultureInfo.InvariantCulture, Escape = true }).To(text))
        {
            writer.Header.Add(Columns);
            foreach (var r in rows)
            {
                using var row = writer.NewRow();
                row["model"].Set(r.Model);
                row["seeds"].Format(r.Seeds);
                row["p20_mean"].Set(Number(r.P20Mean, "F4"));
                row["p20_std"].Set(Number(r.P20Std, "F4"));
                row["mrr20_mean"].Set(Number(r.Mrr20Mean, "F4"));
                row["mrr20_std"].Set(Number(r.Mrr20Std, "F4"));
                row["ndcg20_mean"].Set(Number(r.Ndcg20Mean, "F4"));
                row["train_seconds"].Set(Number(r.TrainSeconds, "F2"));
                row["eval_seconds"].Set(Number(r.EvalSeconds, "F2"));
            }
        }
        return text.ToString();
    }

    /// <summary>Writes the file atomically.</summary>
    public static void Write(string path, IEnumerable<Table1Row> rows) => AtomicFile.WriteAllText(path, Format(rows));

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
