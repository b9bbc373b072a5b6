using System.Globalization;
using nietras.SeparatedValues;

namespace Tagnn.Experiments;

/// <summary>
/// <c>sweep.csv</c>: one row per setting: the parameters' values (one column each, named after them), the seeds, mean,
/// SE and SD of P@20 and MRR@20 (percent, four decimals; SE and SD empty with one seed) and the verdicts against the
/// reference setting.
/// </summary>
public static class SweepCsv
{
    /// <summary>The columns after the parameters' own, in order.</summary>
    public static IReadOnlyList<string> MetricColumns { get; } =
        ["setting", "seeds", "p20_mean", "p20_se", "p20_sd", "mrr20_mean", "mrr20_se", "mrr20_sd", "p20_verdict", "mrr20_verdict"];

    /// <summary>Every column of a sweep over <paramref name="parameters"/>.</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [.. parameters, .. MetricColumns];
    }

    /// <summary>The file's text.</summary>
    public static string Format(SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = Sep.New(',').Writer(o => o with { CultureInfo = CultureInfo.InvariantCulture, Escape = true }).To(text))
        {
            writer.Header.Add(Columns(sweep.Parameters));
            foreach (var point in sweep.Points)
            {
                using var row = writer.NewRow();
                for (var i = 0; i < sweep.Parameters.Count; i++)
                    row[sweep.Parameters[i]].Set(point.Values[i].ToString("R", CultureInfo.InvariantCulture));
                row["setting"].Set(point.Model);
                row["seeds"].Format(point.P20.Count);
                row["p20_mean"].Set(ComparisonCsv.Number(point.P20.Mean));
                row["p20_se"].Set(ComparisonCsv.Number(point.P20.StandardError));
                row["p20_sd"].Set(ComparisonCsv.Number(point.P20.Sd));
                row["mrr20_mean"].Set(ComparisonCsv.Number(point.Mrr20.Mean));
                row["mrr20_se"].Set(ComparisonCsv.Number(point.Mrr20.StandardError));
                row["mrr20_sd"].Set(ComparisonCsv.Number(point.Mrr20.Sd));
                row["p20_verdict"].Set(point.Contrast.P20.VerdictText);
                row["mrr20_verdict"].Set(point.Contrast.Mrr20.VerdictText);
            }
        }
        return text.ToString();
    }
}
