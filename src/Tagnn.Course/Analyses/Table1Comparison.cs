using Tagnn.Evaluation;
using Tagnn.Experiments;

namespace Tagnn.Course;

/// <summary>
/// Reading a results table of <c>tagnn table1</c> beside the TAGNN paper's Table 1 (notebook 08): the shipped table
/// of the bundled sample, each model with the paper's numbers on both datasets
/// (<see cref="PublishedResults.TagnnTable1"/>), how often two orders agree, and each model's gap to a reference
/// model with the test set's standard error.
/// </summary>
public static class Table1Comparison
{
    /// <summary>The table shipped with the repository: <c>tagnn table1</c> on the bundled sample
    /// (<c>data/sample/table1/table1.json</c>; its README says how it was made).</summary>
    public static string SamplePath => Course.RepoPath("data", "sample", "table1", Table1Folder.JsonFile);

    /// <summary>Reads the shipped table of the bundled sample (<see cref="SamplePath"/>).</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static Table1Result LoadSample()
    {
        var path = SamplePath;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: the repository ships it (git checkout data/sample/table1).", path);
        return Table1Result.Load(path);
    }

    /// <summary>Every row of <paramref name="table"/> in its order, with the paper's numbers where the paper has the
    /// method.</summary>
    public static IReadOnlyList<Table1ComparisonRow> Rows(Table1Result table)
    {
        ArgumentNullException.ThrowIfNull(table);
        double? Paper(string model, string dataset, string metric) => PublishedResults.Find(model, dataset, metric)?.Value;
        return [.. table.Rows.Select(r => new Table1ComparisonRow(r.Model, r.Title, r.InPaper, r.P20Mean, r.Mrr20Mean, r.Ndcg20Mean,
            Paper(r.Model, PublishedResults.Diginetica, PublishedResults.P20), Paper(r.Model, PublishedResults.Diginetica, PublishedResults.Mrr20),
            Paper(r.Model, PublishedResults.Yoochoose64, PublishedResults.P20), Paper(r.Model, PublishedResults.Yoochoose64, PublishedResults.Mrr20)))];
    }

    /// <summary>
    /// The binomial standard error, in points, of a hit rate of <paramref name="percent"/> measured on
    /// <paramref name="n"/> examples: 100 sqrt(p (1 - p) / n).
    /// </summary>
    public static double StandardError(double percent, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var p = Math.Clamp(percent / 100, 0, 1);
        return 100 * Math.Sqrt(p * (1 - p) / n);
    }

    /// <summary>
    /// An upper bound, in points, of the standard error of an MRR of <paramref name="percent"/> on
    /// <paramref name="n"/> examples: a reciprocal rank r lies in [0, 1], so r² ≤ r and Var(r) = E[r²] − m² ≤ m (1 − m);
    /// the bound is the binomial formula with m in place of p.
    /// </summary>
    public static double MrrStandardErrorBound(double percent, int n) => StandardError(percent, n);

    /// <summary>
    /// Each model of <paramref name="rows"/> with a value of <paramref name="metric"/> (other than
    /// <paramref name="reference"/>) against the reference model, in table order, with the standard error of the
    /// difference from <paramref name="testExamples"/> test examples (<see cref="Table1Gap.StandardError"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The reference model is not in the rows or has no value.</exception>
    public static IReadOnlyList<Table1Gap> Against(IReadOnlyList<Table1ComparisonRow> rows, string reference, string metric, int testExamples)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var baseRow = rows.FirstOrDefault(r => r.Model == reference) ?? throw new ArgumentException($"No row '{reference}'.", nameof(reference));
        var baseValue = baseRow.Ours(metric) ?? throw new ArgumentException($"'{reference}' has no {metric}.", nameof(reference));
        double Error(double v) => IsP20(metric) ? StandardError(v, testExamples) : MrrStandardErrorBound(v, testExamples);
        return [.. rows.Where(r => r.Model != reference && r.Ours(metric) is not null).Select(r =>
        {
            var value = r.Ours(metric)!.Value;
            return new Table1Gap(r.Model, r.Title, value, baseValue, Math.Sqrt(Error(value) * Error(value) + Error(baseValue) * Error(baseValue)));
        })];
    }

    /// <summary>
    /// How far two orders of the same items agree: over every pair (i, j), whether <paramref name="a"/> and
    /// <paramref name="b"/> order it the same way (concordant), the opposite way (discordant), or either ties it;
    /// Kendall's tau-a = (concordant − discordant) / pairs.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or have fewer than two items.</exception>
    public static (int Concordant, int Discordant, int Pairs, double Tau) Concordance(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"{a.Count} values against {b.Count}.", nameof(b));
        if (a.Count < 2) throw new ArgumentException("At least two items are needed.", nameof(a));
        int concordant = 0, discordant = 0, pairs = 0;
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = i + 1; j < a.Count; j++)
            {
                pairs++;
                var s = Math.Sign(a[i] - a[j]) * Math.Sign(b[i] - b[j]);
                if (s > 0) concordant++;
                else if (s < 0) discordant++;
            }
        }
        return (concordant, discordant, pairs, (concordant - discordant) / (double)pairs);
    }

    /// <summary>Whether <paramref name="metric"/> is P@20 (true) or MRR@20 (false).</summary>
    /// <exception cref="ArgumentException">Another metric.</exception>
    public static bool IsP20(string metric) => metric switch
    {
        PublishedResults.P20 => true,
        PublishedResults.Mrr20 => false,
        _ => throw new ArgumentException($"Metric '{metric}': {PublishedResults.P20} or {PublishedResults.Mrr20}.", nameof(metric)),
    };

    /// <summary>Whether <paramref name="dataset"/> is Diginetica (true) or Yoochoose 1/64 (false).</summary>
    /// <exception cref="ArgumentException">Another dataset.</exception>
    public static bool IsDiginetica(string dataset) => dataset switch
    {
        PublishedResults.Diginetica => true,
        PublishedResults.Yoochoose64 => false,
        _ => throw new ArgumentException($"Dataset '{dataset}': {PublishedResults.Diginetica} or {PublishedResults.Yoochoose64}.", nameof(dataset)),
    };
}
