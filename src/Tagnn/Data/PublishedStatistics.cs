namespace Tagnn.Data;

/// <summary>
/// The dataset statistics published with SR-GNN and TAGNN (Table 1 of both papers), and what the authors' code gives
/// on the same raw files (section 1 of the reference page). The real datasets are not in this repository; these
/// figures are quoted, not computed here.
/// </summary>
public static class PublishedStatistics
{
    /// <summary>Table 1 of the papers: Diginetica, Yoochoose 1/64 and Yoochoose 1/4.</summary>
    public static IReadOnlyList<DatasetStatistics> Paper { get; } =
    [
        new("Diginetica", "paper", 982_961, 719_470, 60_858, 43_097, 5.12),
        new("Yoochoose 1/64", "paper", 557_248, 369_859, 55_898, 16_766, 6.16),
        new("Yoochoose 1/4", "paper", 8_326_407, 5_917_745, 55_898, 29_618, 5.71),
    ];

    /// <summary>
    /// What the authors' preprocessing gives: the same train and test counts as the paper, but more distinct items in
    /// the Yoochoose fractions than the paper prints (and a model item table of 37,484 rows for both fractions, the
    /// full train split's items plus padding).
    /// </summary>
    public static IReadOnlyList<DatasetStatistics> AuthorsCode { get; } =
    [
        new("Diginetica", "authors' code", null, 719_470, 60_858, 43_097, null, "item table 43,098 rows (n + 1)"),
        new("Yoochoose 1/64", "authors' code", null, 369_859, 55_898, 17_377, null,
            "17,377 distinct items in the fraction; item table 37,484 rows"),
        new("Yoochoose 1/4", "authors' code", null, 5_917_745, 55_898, 30_444, null,
            "30,444 distinct items in the fraction; item table 37,484 rows"),
    ];
}
