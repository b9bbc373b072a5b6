using System.Globalization;
using nietras.SeparatedValues;

namespace Tagnn.Experiments;

/// <summary>
/// <c>comparison.csv</c>: one row per model with exactly the columns of <see cref="Columns"/>. Metrics in percent
/// (four decimals), differences model minus reference; an empty cell is a number that does not exist (a spread of one
/// seed, a test of the reference against itself, a bootstrap that was off).
/// </summary>
public static class ComparisonCsv
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "model", "seeds",
        "p20_mean", "p20_sd", "p20_se", "p20_min", "p20_max",
        "mrr20_mean", "mrr20_sd", "mrr20_se", "mrr20_min", "mrr20_max",
        "reference",
        "p20_diff", "p20_t", "p20_df", "p20_p", "p20_t_critical", "p20_boot_low", "p20_boot_high", "p20_verdict",
        "mrr20_diff", "mrr20_t", "mrr20_df", "mrr20_p", "mrr20_t_critical", "mrr20_boot_low", "mrr20_boot_high", "mrr20_verdict",
    ];

    /// <summary>The file's text.</summary>
    public static string Format(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = Sep.New(',').Writer(o => o with { CultureInfo = CultureInfo.InvariantCulture, Escape = true }).To(text))
        {
            writer.Header.Add(Columns);
            foreach (var (summary, contrast) in result.Models.Zip(result.Contrasts))
            {
                using var row = writer.NewRow();
                row["model"].Set(summary.Model);
                row["seeds"].Format(summary.Runs.Count);
                Summary(row, "p20", summary.P20);
                Summary(row, "mrr20", summary.Mrr20);
                row["reference"].Set(contrast.Reference);
                Contrast(row, "p20", contrast.P20);
                Contrast(row, "mrr20", contrast.Mrr20);
            }
        }
        return text.ToString();
    }

    private static void Summary(SepWriter.Row row, string metric, MetricSummary s)
    {
        row[$"{metric}_mean"].Set(Number(s.Mean));
        row[$"{metric}_sd"].Set(Number(s.Sd));
        row[$"{metric}_se"].Set(Number(s.StandardError));
        row[$"{metric}_min"].Set(Number(s.Min));
        row[$"{metric}_max"].Set(Number(s.Max));
    }

    private static void Contrast(SepWriter.Row row, string metric, MetricContrast c)
    {
        var self = c.Verdict == ComparisonVerdict.Reference;
        var t = c.TTest;
        row[$"{metric}_diff"].Set(self ? "" : Number(t.MeanDifference));
        row[$"{metric}_t"].Set(self ? "" : Number(t.T));
        row[$"{metric}_df"].Set(self || t.Count < 2 ? "" : t.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture));
        row[$"{metric}_p"].Set(self ? "" : Number(t.P, "G6"));
        row[$"{metric}_t_critical"].Set(self ? "" : Number(t.Critical));
        row[$"{metric}_boot_low"].Set(Number(c.Bootstrap?.Lower));
        row[$"{metric}_boot_high"].Set(Number(c.Bootstrap?.Upper));
        row[$"{metric}_verdict"].Set(c.VerdictText);
    }

    internal static string Number(double? value, string format = "F4") => value switch
    {
        null => "",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        { } v => v.ToString(format, CultureInfo.InvariantCulture),
    };
}
