using System.Text.Json;
using System.Text.Json.Serialization;
using Tagnn.IO;

namespace Tagnn.Data;

/// <summary>
/// The statistics of one preprocessed dataset (<c>stats.json</c>): what each step of the reference pipeline left,
/// the date split, and the sizes of the result.
/// </summary>
/// <param name="Dataset">"diginetica" or "yoochoose".</param>
/// <param name="Fraction">For Yoochoose the train fraction ("1/64" or "1/4"); null otherwise.</param>
/// <param name="Input">The click log it was made from.</param>
/// <param name="Steps">Clicks and sessions after each step, in order.</param>
/// <param name="SkippedRows">Rows of the input counted and skipped (see the README's input rules).</param>
/// <param name="MaxDate">The latest session date.</param>
/// <param name="SplitDate">Sessions before it are train, after it test; sessions on it are dropped.</param>
/// <param name="TrainSessions">Train sessions (in this fraction).</param>
/// <param name="TestSessions">Test sessions after unseen items were removed.</param>
/// <param name="TrainExamples">Train examples (augmented prefixes).</param>
/// <param name="TestExamples">Test examples.</param>
/// <param name="Items">n: items numbered 1..n (the model's item table has n + 1 rows).</param>
/// <param name="ItemsInTrain">Distinct items that occur in this train list (smaller than n for a Yoochoose fraction).</param>
/// <param name="AverageLength">Average session length by the reference's formula: the clicks of all train and test
/// sessions (after filtering, before augmentation; for a Yoochoose fraction the whole train split, as the script
/// prints it) divided by their number.</param>
/// <param name="LongestTrainPrefix">The padding length L of the train set.</param>
/// <param name="LongestTestPrefix">The padding length L of the test set.</param>
public sealed record PreprocessStats(
    string Dataset,
    string? Fraction,
    string Input,
    IReadOnlyList<StepCount> Steps,
    long SkippedRows,
    string MaxDate,
    string SplitDate,
    int TrainSessions,
    int TestSessions,
    int TrainExamples,
    int TestExamples,
    int Items,
    int ItemsInTrain,
    double AverageLength,
    int LongestTrainPrefix,
    int LongestTestPrefix)
{
    /// <summary>For a Yoochoose fraction, the number of augmented train examples of the whole train split the
    /// fraction was cut from; null otherwise.</summary>
    public long? TrainExamplesBeforeFraction { get; init; }

    /// <summary>The skipped rows by reason (blank lines, repeated header lines), with the first line of each.</summary>
    public IReadOnlyList<SkippedRows>? SkippedRowsByReason { get; init; }

    /// <summary>A remark on where the numbers come from, e.g. for a folder converted from an SR-GNN pickle (which
    /// carries no dates, step counts or original item ids); null for a folder made by the preprocessing.</summary>
    public string? Note { get; init; }

    /// <summary>The JSON options of <c>stats.json</c> (snake_case, indented).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Writes <c>stats.json</c> atomically.</summary>
    public void Save(string path, bool overwrite = true) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n", overwrite);

    /// <summary>Reads <c>stats.json</c>.</summary>
    public static PreprocessStats Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PreprocessStats>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"{path}: empty statistics file.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: not a valid stats.json: {e.Message}", e);
        }
    }
}
