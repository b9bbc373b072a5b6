using Tagnn.Data;

namespace Tagnn.Training;

/// <summary>The data of a run.</summary>
/// <param name="Path">The prepared folder (absolute), if the data came from one.</param>
/// <param name="Items">N, the number of items.</param>
/// <param name="TrainExamples">Examples trained on.</param>
/// <param name="TrainSessions">Sessions trained on.</param>
/// <param name="ValidationExamples">Held-out validation examples (validation protocol), else null.</param>
/// <param name="ValidationSessions">Held-out validation sessions, else null.</param>
/// <param name="TestExamples">Test examples.</param>
/// <param name="TrainPadLength">The train set's padding length (its longest prefix).</param>
/// <param name="ValidationPadLength">The validation set's padding length, else null.</param>
/// <param name="TestPadLength">The test set's padding length (also used by recommendations).</param>
/// <param name="Stats">The preprocessing statistics of the folder, if any.</param>
public sealed record RunData(
    string? Path,
    int Items,
    int TrainExamples,
    int TrainSessions,
    int? ValidationExamples,
    int? ValidationSessions,
    int TestExamples,
    int TrainPadLength,
    int? ValidationPadLength,
    int TestPadLength,
    PreprocessStats? Stats)
{
    /// <summary>Describes <paramref name="data"/>.</summary>
    public static RunData Describe(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new RunData(data.Source?.Directory, data.ItemCount, data.Train.Count, data.Train.SessionStarts().Count,
            data.Validation?.Count, data.Validation?.SessionStarts().Count, data.Test.Count, data.Train.MaxPrefixLength,
            data.Validation?.MaxPrefixLength, data.Test.MaxPrefixLength, data.Source?.Stats);
    }

    /// <summary>Throws when <paramref name="data"/> is not the data this record describes (a resumed or evaluated
    /// run must see the same examples).</summary>
    /// <exception cref="InvalidDataException">The sizes differ; the message lists how.</exception>
    public void CheckSame(TrainingData data)
    {
        var now = Describe(data);
        var differences = new List<string>();
        void Compare<T>(string what, T expected, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual)) differences.Add($"{what} {actual} (the run had {expected})");
        }
        Compare("items", Items, now.Items);
        Compare("train examples", TrainExamples, now.TrainExamples);
        Compare("validation examples", ValidationExamples, now.ValidationExamples);
        Compare("test examples", TestExamples, now.TestExamples);
        Compare("train padding length", TrainPadLength, now.TrainPadLength);
        Compare("test padding length", TestPadLength, now.TestPadLength);
        if (differences.Count > 0)
            throw new InvalidDataException($"{data.Source?.Directory ?? "the data"} is not the data of this run: {string.Join("; ", differences)}.");
    }
}
