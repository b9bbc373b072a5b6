using System.Globalization;
using Tagnn.Data;
using Tagnn.Evaluation;

namespace Tagnn.Experiments;

/// <summary>
/// Whether a prepared dataset is one of the two datasets of the TAGNN paper's Table 1 (then its published numbers can
/// stand beside ours), recognised from the folder's <c>stats.json</c>: the dataset name and fraction, and the example
/// and item counts of <see cref="PublishedStatistics"/> (the SR-GNN paper's, or for the items of Yoochoose 1/64 also
/// what the authors' code gives). A smoke-mode subset of it is not the paper's dataset.
/// </summary>
/// <param name="Dataset"><see cref="PublishedResults.Diginetica"/> or <see cref="PublishedResults.Yoochoose64"/>, or
/// null when the data is neither.</param>
/// <param name="Note">Why, in one sentence (printed in <c>table1.md</c>).</param>
public sealed record PaperDatasetMatch(string? Dataset, string Note)
{
    /// <summary>Recognises the paper's dataset in <paramref name="stats"/>.</summary>
    /// <param name="stats">The prepared folder's statistics.</param>
    /// <param name="trainExamples">Training examples the table uses (after smoke-mode limits).</param>
    /// <param name="testExamples">Test examples the table uses (after smoke-mode limits).</param>
    /// <param name="trainInFolder">Training examples the folder holds (default: as <paramref name="stats"/> says).</param>
    /// <param name="testInFolder">Test examples the folder holds (default: as <paramref name="stats"/> says).</param>
    public static PaperDatasetMatch Recognize(PreprocessStats stats, int trainExamples, int testExamples, int? trainInFolder = null, int? testInFolder = null)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var name = (stats.Dataset.ToLowerInvariant(), stats.Fraction) switch
        {
            ("diginetica", null) => PublishedResults.Diginetica,
            ("yoochoose", "1/64") => PublishedResults.Yoochoose64,
            _ => null,
        };
        var described = stats.Dataset + (stats.Fraction is null ? "" : " " + stats.Fraction);
        if (name is null)
            return new(null, $"The paper's Table 1 has Diginetica and Yoochoose 1/64; this data is {described} (stats.json), so no published numbers are shown.");
        var published = PublishedStatistics.Paper.Single(d => d.Dataset == name);
        var authors = PublishedStatistics.AuthorsCode.Single(d => d.Dataset == name);
        var differences = new List<string>();
        if (stats.TrainExamples != published.TrainExamples) differences.Add($"{N(stats.TrainExamples)} train examples (published {N(published.TrainExamples)})");
        if (stats.TestExamples != published.TestExamples) differences.Add($"{N(stats.TestExamples)} test examples (published {N(published.TestExamples)})");
        if (stats.ItemsInTrain != published.Items && stats.ItemsInTrain != authors.Items)
            differences.Add($"{N(stats.ItemsInTrain)} items (published {N(published.Items)}" + (authors.Items != published.Items ? $", authors' code {N(authors.Items)})" : ")"));
        if (differences.Count > 0)
            return new(null, $"stats.json names {described}, but it has {string.Join(", ", differences)}: not the dataset of the paper's Table 1 " +
                $"({PublishedStatistics.SrGnnPaper}), so no published numbers are shown.");
        var (train, test) = (trainInFolder ?? stats.TrainExamples, testInFolder ?? stats.TestExamples);
        if (trainExamples != train || testExamples != test)
            return new(null, $"{name}, but only {N(trainExamples)} of its {N(train)} train and {N(testExamples)} of its {N(test)} " +
                "test examples are used (--max-train/--max-test), so the published numbers are not comparable and not shown.");
        return new(name, $"{name} as in the paper's Table 1: {N(stats.TrainExamples)} train and {N(stats.TestExamples)} test examples, " +
            $"{N(stats.ItemsInTrain)} items, as {PublishedStatistics.SrGnnPaper} and the authors' code give them.");
    }

    private static string N(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "?";
}
