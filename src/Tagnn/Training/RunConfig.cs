using System.Reflection;
using System.Text.Json;
using Tagnn.Model;

namespace Tagnn.Training;

/// <summary>
/// Everything needed to repeat a run (a run folder's <c>config.json</c>, also stored in every checkpoint): the model
/// (including its formulation), the training and selection options (seed, epochs, schedule, batch, padding,
/// protocol), the data (folder, its preprocessing statistics, the sizes used), the device and the versions.
/// </summary>
public sealed record RunConfig
{
    /// <summary>The format tag of <c>config.json</c>: version 2 records the model as a <see cref="ModelSpec"/> with a
    /// <c>"type"</c> discriminator and explicit settings.</summary>
    public const string FormatName = "tagnn-run/2";

    /// <summary>The format of run folders written before <see cref="ModelSpec"/> (the model a TAGNN/SR-GNN
    /// <see cref="ModelConfig"/> without discriminator, nulls for "as the kind does"); still read.</summary>
    public const string Format1Name = "tagnn-run/1";

    /// <summary><see cref="FormatName"/> (a configuration read from an older format is upgraded when read).</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The run's name (its folder name).</summary>
    public string? Name { get; init; }

    /// <summary>When the run was created (UTC).</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The command line that started it, if any.</summary>
    public string? Command { get; init; }

    /// <summary>The model.</summary>
    public required ModelSpec Model { get; init; }

    /// <summary>The model in words (<see cref="ModelSpec.Describe"/>); written for readers of <c>config.json</c>,
    /// ignored when read back.</summary>
    public string ModelSummary => Model.Describe();

    /// <summary>Training and selection.</summary>
    public required TrainingOptions Training { get; init; }

    /// <summary>The data.</summary>
    public required RunData Data { get; init; }

    /// <summary>The device, as requested and as used.</summary>
    public RunDevice? Device { get; init; }

    /// <summary>libtorch intra-op threads (results are bit-identical only with the same count).</summary>
    public int? Threads { get; init; }

    /// <summary>The safetensors file the weights were initialised from instead of the seed, if any.</summary>
    public string? InitWeights { get; init; }

    /// <summary>Whether the run scores the SKNN baseline after training (false: <c>tagnn train --no-sknn</c>, honoured
    /// by <c>--resume</c>); null in runs recorded before this was: SKNN is scored.</summary>
    public bool? SknnBaseline { get; init; }

    /// <summary>Versions of this library, TorchSharp and libtorch.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = CurrentVersions();

    /// <summary>Each time the run was resumed.</summary>
    public IReadOnlyList<RunResume> Resumes { get; init; } = [];

    /// <summary>Serialises as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RunJson.Indented);

    /// <summary>Parses <see cref="ToJson"/>'s output, or a configuration of format <see cref="Format1Name"/>
    /// (returned upgraded to <see cref="FormatName"/>: writing it back writes the current format).</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">The file it came from, for error messages.</param>
    /// <exception cref="InvalidDataException">Not a run configuration; the message names the source and the line.</exception>
    public static RunConfig FromJson(string json, string source)
    {
        try
        {
            var config = JsonSerializer.Deserialize<RunConfig>(json, RunJson.Indented)
                ?? throw new InvalidDataException($"{source}: empty run configuration.");
            if (config.Format is not (FormatName or Format1Name))
                throw new InvalidDataException($"{source}: format '{config.Format}', expected '{FormatName}' (or the older '{Format1Name}').");
            config.Model.Validate();
            return config with { Format = FormatName };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}:{e.LineNumber + 1}: not a valid run configuration: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: the model is not valid: {e.Message}", e);
        }
    }

    /// <summary>The versions of the running library, TorchSharp and libtorch.</summary>
    public static IReadOnlyDictionary<string, string> CurrentVersions()
    {
        var assembly = typeof(RunConfig).Assembly;
        string Meta(string key) => assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "unknown";
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["tagnn"] = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            ["torchsharp"] = Meta("Tagnn.TorchSharpVersion"),
            ["libtorch"] = Meta("Tagnn.LibTorchVersion"),
            ["torch_backend"] = Meta("Tagnn.TorchBackend"),
            ["dotnet"] = Environment.Version.ToString(),
        };
    }
}
