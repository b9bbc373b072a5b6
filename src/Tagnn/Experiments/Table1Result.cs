using System.Text.Json;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// A whole table (<c>table1.json</c>): the data, how the models were trained and selected, and one
/// <see cref="Table1Row"/> per model with every run. <c>table1.csv</c> and <c>table1.md</c> are made from it.
/// </summary>
public sealed record Table1Result
{
    /// <summary>The format tag of <c>table1.json</c>.</summary>
    public const string FormatName = "tagnn-table1/1";

    /// <summary><see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The data.</summary>
    public required Table1Data Data { get; init; }

    /// <summary>The paper's dataset this data is (<c>Diginetica</c>, <c>Yoochoose 1/64</c>), else null.</summary>
    public string? PaperDataset { get; init; }

    /// <summary>Why the data is or is not the paper's.</summary>
    public required string PaperDatasetNote { get; init; }

    /// <summary>How the neural models' epochs were selected.</summary>
    public required SelectionProtocol Protocol { get; init; }

    /// <summary>What the protocol means for the numbers.</summary>
    public required string ProtocolNote { get; init; }

    /// <summary>Epochs of the neural models.</summary>
    public required int Epochs { get; init; }

    /// <summary>The preset's name (<c>reference</c>, <c>sample</c>, <c>custom</c>).</summary>
    public required string EpochsPreset { get; init; }

    /// <summary>Where the epoch count comes from.</summary>
    public required string EpochsNote { get; init; }

    /// <summary>Patience of the neural models (epochs without improvement before stopping).</summary>
    public required int Patience { get; init; }

    /// <summary>The seeds of the neural models.</summary>
    public required IReadOnlyList<long> Seeds { get; init; }

    /// <summary>When this file was written (UTC).</summary>
    public DateTimeOffset Updated { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Wall time of the invocation that wrote it, so far.</summary>
    public double WallSeconds { get; init; }

    /// <summary>One row per model, in table order.</summary>
    public required IReadOnlyList<Table1Row> Rows { get; init; }

    /// <summary>Whether every row is done.</summary>
    public bool Complete => Rows.All(r => r.Status == Table1Status.Done);

    /// <summary>Serialises as indented JSON (the conventions of run folders: snake_case).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunJson.Indented);

    /// <summary>Reads <c>table1.json</c>.</summary>
    /// <exception cref="InvalidDataException">Not a table file; the message names the file and line.</exception>
    public static Table1Result Load(string path)
    {
        try
        {
            var result = JsonSerializer.Deserialize<Table1Result>(File.ReadAllText(path), RunJson.Indented)
                ?? throw new InvalidDataException($"{path}: empty table file.");
            if (result.Format != FormatName) throw new InvalidDataException($"{path}: format '{result.Format}', expected '{FormatName}'.");
            return result;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: not a valid {FormatName} file: {e.Message}", e);
        }
    }
}
