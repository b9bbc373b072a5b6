namespace Tagnn.Data;

/// <summary>
/// Dataset statistics as published and as the authors' code gives them (docs/REFERENCE.md#r3-dataset-statistics).
/// The real datasets are not in this repository: these figures are quoted, not computed here, and only figures with a
/// source are quoted (null elsewhere).
/// </summary>
/// <remarks>
/// The published counts are the SR-GNN paper's (Wu et al., AAAI 2019); the TAGNN paper prints no statistics table
/// (its Table 1 is the results table, see <c>Tagnn.Evaluation.PublishedResults</c>). Click counts, average lengths and
/// the Yoochoose 1/4 training count are not quoted.
/// </remarks>
public static class PublishedStatistics
{
    /// <summary>The source of <see cref="Paper"/>.</summary>
    public const string SrGnnPaper = "SR-GNN paper (Wu et al., AAAI 2019)";

    /// <summary>The published counts: augmented training and test examples and items, for Diginetica, Yoochoose 1/64
    /// and Yoochoose 1/4.</summary>
    public static IReadOnlyList<DatasetStatistics> Paper { get; } =
    [
        new("Diginetica", SrGnnPaper, null, 719_470, 60_858, 43_097, null),
        new("Yoochoose 1/64", SrGnnPaper, null, 369_859, 55_898, 16_766, null),
        new("Yoochoose 1/4", SrGnnPaper, null, null, 55_898, 29_618, null, "the test set of both fractions"),
    ];

    /// <summary>
    /// What the authors' preprocessing gives: the paper's example counts, but more distinct items in the Yoochoose
    /// fractions than the paper prints (and a model item table of 37,484 rows for both fractions, the full train
    /// split's items plus padding).
    /// </summary>
    public static IReadOnlyList<DatasetStatistics> AuthorsCode { get; } =
    [
        new("Diginetica", "authors' code", null, 719_470, 60_858, 43_097, null, "item table 43,098 rows (n + 1)"),
        new("Yoochoose 1/64", "authors' code", null, 369_859, 55_898, 17_377, null,
            "17,377 distinct items in the fraction; item table 37,484 rows"),
        new("Yoochoose 1/4", "authors' code", null, null, 55_898, 30_444, null,
            "30,444 distinct items in the fraction; item table 37,484 rows"),
    ];
}
