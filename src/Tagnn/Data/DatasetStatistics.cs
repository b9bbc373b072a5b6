namespace Tagnn.Data;

/// <summary>One row of a dataset-statistics table (the SR-GNN paper's style). Null means "not reported" or "not quoted".</summary>
/// <param name="Dataset">Dataset name (e.g. "Diginetica", "Yoochoose 1/64").</param>
/// <param name="Source">Where the numbers come from (a paper, "authors' code", "this repository").</param>
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
