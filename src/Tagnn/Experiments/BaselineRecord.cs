using System.Text.Json;
using Tagnn.IO;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// A baseline's finished result in a table's folder (<c>baselines/&lt;model&gt;.json</c>): what was fitted on which
/// examples, every test metric and the times. A rerun reuses it when the model, its settings and the example counts
/// are the same.
/// </summary>
public sealed record BaselineRecord
{
    /// <summary>The format tag.</summary>
    public const string FormatName = "tagnn-baseline/1";

    /// <summary><see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The model's short name.</summary>
    public required string Model { get; init; }

    /// <summary>The specification's one-line description (every hyper-parameter).</summary>
    public required string Spec { get; init; }

    /// <summary>The seed whose training split it was fitted on (validation protocol), else null.</summary>
    public long? Seed { get; init; }

    /// <summary>N.</summary>
    public required int Items { get; init; }

    /// <summary>Training examples it was fitted on.</summary>
    public required int TrainExamples { get; init; }

    /// <summary>Test examples it was scored on.</summary>
    public required int TestExamples { get; init; }

    /// <summary>Every test metric (<see cref="Tagnn.Evaluation.MetricsReport.ToDictionary"/>), percent.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Seconds to fit.</summary>
    public required double FitSeconds { get; init; }

    /// <summary>Seconds to score the test set.</summary>
    public required double EvaluateSeconds { get; init; }

    /// <summary>When it finished (UTC).</summary>
    public DateTimeOffset Finished { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Whether this is the result of <paramref name="model"/> with <paramref name="spec"/> on
    /// <paramref name="data"/>.</summary>
    public bool Matches(string model, string spec, long? seed, TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Format == FormatName && Model == model && Spec == spec && Seed == seed && Items == data.ItemCount
            && TrainExamples == data.Train.Count && TestExamples == data.Test.Count;
    }

    /// <summary>Writes the record atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, RunJson.Indented) + "\n");

    /// <summary>Reads a record, or null when the file does not exist or is not one (a damaged file is run again).</summary>
    public static BaselineRecord? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<BaselineRecord>(File.ReadAllText(path), RunJson.Indented);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
