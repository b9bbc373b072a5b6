namespace Tagnn.Evaluation;

/// <summary>
/// The published results this repository quotes, each with its source: the one place a notebook, a document or the
/// CLI takes a paper's number from. Only numbers printed in the TAGNN paper are here.
/// </summary>
/// <remarks>
/// <para>The TAGNN paper's Table 1 covers ten methods on Diginetica and Yoochoose 1/64, with P@20 and MRR@20 in
/// percent, and one row of TAGNN's improvement over the best baseline. It has no Yoochoose 1/4 column and no NDCG.
/// SR-GNN's numbers here are its row of that table. The paper does not say how the epoch behind them was chosen; run
/// with its defaults, the authors' code reports the best test value of each metric over the epochs
/// (docs/REFERENCE.md#r15-model-selection).</para>
/// <para>Dataset statistics (example and item counts) are in <c>Tagnn.Data.PublishedStatistics</c>.</para>
/// </remarks>
public static class PublishedResults
{
    /// <summary>The TAGNN paper.</summary>
    public const string TagnnPaper = "Yu et al., SIGIR 2020 (TAGNN)";

    /// <summary>The table of <see cref="TagnnPaper"/> that holds the results.</summary>
    public const string Table1 = "Table 1";

    /// <summary>Dataset name: Diginetica (CIKM Cup 2016).</summary>
    public const string Diginetica = "Diginetica";

    /// <summary>Dataset name: the most recent 1/64 of Yoochoose's training examples (docs/REFERENCE.md#r2-augmentation-and-fractions).</summary>
    public const string Yoochoose64 = "Yoochoose 1/64";

    /// <summary>Metric name: the hit rate at 20, which the paper calls P@20.</summary>
    public const string P20 = "P@20";

    /// <summary>Metric name: the mean reciprocal rank at 20.</summary>
    public const string Mrr20 = "MRR@20";

    // Table 1 of the TAGNN paper, row by row as printed: P@20 and MRR@20 on Diginetica, then on Yoochoose 1/64.
    private static readonly (string Model, string Key, double DigiP20, double DigiMrr20, double YooP20, double YooMrr20)[] Table1Rows =
    [
        ("POP", "pop", 0.89, 0.20, 6.71, 1.65),
        ("S-POP", "spop", 21.06, 13.68, 30.44, 18.35),
        ("Item-KNN", "itemknn", 35.75, 11.57, 51.60, 21.81),
        ("BPR-MF", "bprmf", 5.24, 1.98, 31.31, 12.08),
        ("FPMC", "fpmc", 26.53, 6.95, 45.62, 15.01),
        ("GRU4REC", "gru4rec", 29.45, 8.33, 60.64, 22.89),
        ("NARM", "narm", 49.70, 16.17, 68.32, 28.63),
        ("STAMP", "stamp", 45.64, 14.32, 68.74, 29.67),
        ("SR-GNN", "srgnn", 50.73, 17.59, 70.57, 30.94),
        ("TAGNN", "tagnn", 51.31, 18.03, 71.02, 31.12),
    ];

    /// <summary>The 40 results of the TAGNN paper's Table 1 (10 methods x 2 datasets x 2 metrics), in the table's
    /// row order.</summary>
    public static IReadOnlyList<PublishedResult> TagnnTable1 { get; } =
    [
        .. Table1Rows.SelectMany(r => new[]
        {
            new PublishedResult(r.Model, r.Key, Diginetica, P20, r.DigiP20, TagnnPaper, Table1),
            new PublishedResult(r.Model, r.Key, Diginetica, Mrr20, r.DigiMrr20, TagnnPaper, Table1),
            new PublishedResult(r.Model, r.Key, Yoochoose64, P20, r.YooP20, TagnnPaper, Table1),
            new PublishedResult(r.Model, r.Key, Yoochoose64, Mrr20, r.YooMrr20, TagnnPaper, Table1),
        }),
    ];

    /// <summary>The "Improv.(%)" row of the TAGNN paper's Table 1: TAGNN's relative gain over the best baseline
    /// (SR-GNN in every column), in percent of the baseline's value. <see cref="PublishedResult.ModelKey"/> is
    /// <c>improvement</c>.</summary>
    public static IReadOnlyList<PublishedResult> TagnnTable1Improvement { get; } =
    [
        new("Improv.(%)", "improvement", Diginetica, P20, 1.14, TagnnPaper, Table1),
        new("Improv.(%)", "improvement", Diginetica, Mrr20, 2.50, TagnnPaper, Table1),
        new("Improv.(%)", "improvement", Yoochoose64, P20, 0.64, TagnnPaper, Table1),
        new("Improv.(%)", "improvement", Yoochoose64, Mrr20, 0.58, TagnnPaper, Table1),
    ];

    /// <summary>Every published number of this table, results and improvements.</summary>
    public static IReadOnlyList<PublishedResult> All { get; } = [.. TagnnTable1, .. TagnnTable1Improvement];

    /// <summary>The published result for a method, dataset and metric, or null when no paper here prints it (for
    /// example any Yoochoose 1/4 number, or NDCG).</summary>
    /// <param name="modelKey">This repository's method name (e.g. <c>tagnn</c>; case-insensitive).</param>
    /// <param name="dataset"><see cref="Diginetica"/> or <see cref="Yoochoose64"/>.</param>
    /// <param name="metric"><see cref="P20"/> or <see cref="Mrr20"/>.</param>
    public static PublishedResult? Find(string modelKey, string dataset, string metric)
    {
        ArgumentNullException.ThrowIfNull(modelKey);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(metric);
        return TagnnTable1.FirstOrDefault(r => string.Equals(r.ModelKey, modelKey, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Dataset, dataset, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Metric, metric, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The published value for a method, dataset and metric.</summary>
    /// <exception cref="KeyNotFoundException">No paper here prints it; the message lists what exists.</exception>
    public static PublishedResult Get(string modelKey, string dataset, string metric) =>
        Find(modelKey, dataset, metric) ?? throw new KeyNotFoundException(
            $"No published result for {modelKey} on {dataset} ({metric}). The TAGNN paper's Table 1 has the methods " +
            $"{string.Join(", ", Table1Rows.Select(r => r.Key))} on {Diginetica} and {Yoochoose64}, metrics {P20} and {Mrr20}.");
}
