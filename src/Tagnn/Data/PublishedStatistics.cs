namespace Tagnn.Data;

/// <summary>One row of a dataset-statistics table (the papers' Table 1 style). Null means "not reported".</summary>
/// <param name="Dataset">Dataset name (e.g. "Diginetica", "Yoochoose 1/64").</param>
/// <param name="Source">Where the numbers come from ("paper", "authors' code", "this repository").</param>
/// <param name="Clicks">Number of clicks (the papers do not say after which step they count them).</param>
/// <param name="TrainExamples">Augmented training examples.</param>
/// <param name="TestExamples">Augmented test examples.</param>
/// <param name="Items">Distinct items.</param>
/// <param name="AverageLength">Average session length.</param>
/// <param name="Note">A remark (what differs, and why).</param>
public sealed record DatasetStatistics(
    string Dataset,
    string Source,
    long? Clicks,
    long? TrainExamples,
    long? TestExamples,
    long? Items,
    double? AverageLength,
    string Note = "")
{
    /// <summary>A row from a prepared folder's <c>stats.json</c>: clicks are those of the train and test sessions
    /// after every filter (before augmentation), items are the distinct items of the train examples.</summary>
    public static DatasetStatistics FromStats(string dataset, PreprocessStats stats, string source = "this repository", string note = "")
    {
        ArgumentNullException.ThrowIfNull(stats);
        long? clicks = null;
        var train = stats.Steps.FirstOrDefault(s => s.Step.StartsWith("train:", StringComparison.Ordinal));
        var test = stats.Steps.LastOrDefault(s => s.Step.StartsWith("test:", StringComparison.Ordinal));
        if (train is not null && test is not null && stats.Fraction is null) clicks = train.Clicks + test.Clicks;
        return new DatasetStatistics(dataset, source, clicks, stats.TrainExamples, stats.TestExamples, stats.ItemsInTrain,
            Math.Round(stats.AverageLength, 2), note);
    }
}

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
