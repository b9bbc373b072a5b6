using System.Text.Json;
using Tagnn.IO;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// What <see cref="ModelComparison"/> found (<c>comparison.json</c>): per model the mean, spread and standard error
/// of test P@20 and MRR@20 over the seeds, and per model against the reference the paired t-test over seeds, the
/// paired bootstrap over test sessions and the verdict by <see cref="Rule"/>.
/// </summary>
public sealed record ComparisonResult
{
    /// <summary>The format tag of <c>comparison.json</c>.</summary>
    public const string FormatName = "tagnn-comparison/1";

    /// <summary>The file names <see cref="Save"/> writes.</summary>
    public const string CsvFile = "comparison.csv", JsonFile = "comparison.json";

    /// <summary><see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The prepared data folder.</summary>
    public required string Data { get; init; }

    /// <summary>Always <see cref="SelectionProtocol.Validation"/>: the epoch is chosen on held-out training sessions
    /// and the test set is scored once.</summary>
    public SelectionProtocol Protocol { get; init; } = SelectionProtocol.Validation;

    /// <summary>The seeds, in order; every model ran with each.</summary>
    public required IReadOnlyList<long> Seeds { get; init; }

    /// <summary>The test's level.</summary>
    public required double Alpha { get; init; }

    /// <summary>The rule that turns the numbers into verdicts, in words, with its computed critical value.</summary>
    public required string Rule { get; init; }

    /// <summary>The reference model's name.</summary>
    public required string Reference { get; init; }

    /// <summary>Test examples every run was scored on.</summary>
    public required int TestExamples { get; init; }

    /// <summary>Test sessions (the bootstrap's units).</summary>
    public required int TestSessions { get; init; }

    /// <summary>Bootstrap resamples (0: no bootstrap).</summary>
    public required int BootstrapResamples { get; init; }

    /// <summary>The bootstrap's seed.</summary>
    public required long BootstrapSeed { get; init; }

    /// <summary>One summary per model, in the order given.</summary>
    public required IReadOnlyList<ModelSummary> Models { get; init; }

    /// <summary>One contrast per model against <see cref="Reference"/> (the reference's own says so), same order.</summary>
    public required IReadOnlyList<ModelContrast> Contrasts { get; init; }

    /// <summary>Wall time of the comparison.</summary>
    public double WallSeconds { get; init; }

    /// <summary>The summary of <paramref name="model"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such model.</exception>
    public ModelSummary Summary(string model) => Models.FirstOrDefault(m => m.Model == model)
        ?? throw new KeyNotFoundException($"No model '{model}'; the comparison has {string.Join(", ", Models.Select(m => m.Model))}.");

    /// <summary>The contrast of <paramref name="model"/> with the reference.</summary>
    /// <exception cref="KeyNotFoundException">No such model.</exception>
    public ModelContrast Contrast(string model) => Contrasts.FirstOrDefault(c => c.Model == model)
        ?? throw new KeyNotFoundException($"No model '{model}'; the comparison has {string.Join(", ", Contrasts.Select(m => m.Model))}.");

    /// <summary>Serialises as indented JSON (snake_case, as run folders).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunJson.Indented);

    /// <summary>Writes <c>comparison.csv</c> (<see cref="ComparisonCsv"/>) and <c>comparison.json</c> into
    /// <paramref name="directory"/>, each atomically (temporary file, then rename).</summary>
    public void Save(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, CsvFile), ComparisonCsv.Format(this));
        AtomicFile.WriteAllText(Path.Combine(directory, JsonFile), ToJson() + "\n");
    }

    /// <summary>Reads <c>comparison.json</c>.</summary>
    /// <exception cref="InvalidDataException">Not a comparison file; the message names the file and line.</exception>
    public static ComparisonResult Load(string path)
    {
        try
        {
            var result = JsonSerializer.Deserialize<ComparisonResult>(File.ReadAllText(path), RunJson.Indented)
                ?? throw new InvalidDataException($"{path}: empty comparison file.");
            if (result.Format != FormatName) throw new InvalidDataException($"{path}: format '{result.Format}', expected '{FormatName}'.");
            return result;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: not a valid {FormatName} file: {e.Message}", e);
        }
    }

    /// <summary>The result as plain text: one line per model (mean ± SE, spread) and its verdicts, then the rule.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        foreach (var (summary, contrast) in Models.Zip(Contrasts))
        {
            lines.Add(System.FormattableString.Invariant(
                $"{summary.Model}: P@20 {summary.P20.Mean:0.00} ± {summary.P20.StandardError ?? double.NaN:0.00} (SE; range {summary.P20.Min:0.00}-{summary.P20.Max:0.00}), MRR@20 {summary.Mrr20.Mean:0.00} ± {summary.Mrr20.StandardError ?? double.NaN:0.00} (SE; range {summary.Mrr20.Min:0.00}-{summary.Mrr20.Max:0.00}), {summary.Runs.Count} seed(s)"));
            if (contrast.P20.Verdict != ComparisonVerdict.Reference)
                lines.Add($"  vs {contrast.Reference}: {contrast.P20.Describe()}; {contrast.Mrr20.Describe()}");
        }
        lines.Add(Rule);
        return string.Join('\n', lines);
    }
}
