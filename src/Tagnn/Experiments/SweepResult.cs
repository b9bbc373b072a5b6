using System.Text.Json;
using Tagnn.IO;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// What <see cref="ModelSweep"/> found (<c>sweep.json</c>): one point per setting (mean, spread and SE of P@20 and
/// MRR@20 over the seeds, and the contrast with the reference setting) and the comparison behind them.
/// </summary>
/// <param name="Parameters">The swept parameters' names (one or two).</param>
/// <param name="Points">One per setting, in grid order (the last parameter varies fastest).</param>
/// <param name="Comparison">The comparison of every setting (the settings are its models).</param>
public sealed record SweepResult(IReadOnlyList<string> Parameters, IReadOnlyList<SweepPoint> Points, ComparisonResult Comparison)
{
    /// <summary>The file names <see cref="Save"/> writes (besides the comparison's).</summary>
    public const string CsvFile = "sweep.csv", JsonFile = "sweep.json";

    /// <summary>The point of a setting by its label (<c>d=64</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such setting.</exception>
    public SweepPoint Point(string label) => Points.FirstOrDefault(p => p.Model == label)
        ?? throw new KeyNotFoundException($"No setting '{label}'; the sweep has {string.Join(", ", Points.Select(p => p.Model))}.");

    /// <summary>Serialises as indented JSON (snake_case, as run folders).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunJson.Indented);

    /// <summary>Writes <c>sweep.csv</c> (<see cref="SweepCsv"/>), <c>sweep.json</c> and the comparison's files into
    /// <paramref name="directory"/>, each atomically.</summary>
    public void Save(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Comparison.Save(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, CsvFile), SweepCsv.Format(this));
        AtomicFile.WriteAllText(Path.Combine(directory, JsonFile), ToJson() + "\n");
    }
}
