using System.Reflection;
using System.Text.Json;
using Tagnn.Data;
using Tagnn.Model;

namespace Tagnn.Training;

/// <summary>
/// Everything needed to repeat a run (a run folder's <c>config.json</c>, also stored in every checkpoint): the model
/// (including its formulation), the training and selection options (seed, epochs, schedule, batch, padding,
/// protocol), the data (folder, its preprocessing statistics, the sizes used), the device and the versions.
/// </summary>
public sealed record RunConfig
{
    /// <summary>The format tag of <c>config.json</c>.</summary>
    public const string FormatName = "tagnn-run/1";

    /// <summary>Always <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The run's name (its folder name).</summary>
    public string? Name { get; init; }

    /// <summary>When the run was created (UTC).</summary>
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The command line that started it, if any.</summary>
    public string? Command { get; init; }

    /// <summary>The model.</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>The model in words, with its defaults resolved (target attention on/off, ...); written for readers
    /// of <c>config.json</c>, ignored when read back.</summary>
    public string ModelSummary => TrainingRun.Describe(Model);

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

    /// <summary>Parses <see cref="ToJson"/>'s output.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">The file it came from, for error messages.</param>
    /// <exception cref="InvalidDataException">Not a run configuration; the message names the source and the line.</exception>
    public static RunConfig FromJson(string json, string source)
    {
        try
        {
            var config = JsonSerializer.Deserialize<RunConfig>(json, RunJson.Indented)
                ?? throw new InvalidDataException($"{source}: empty run configuration.");
            if (config.Format != FormatName)
                throw new InvalidDataException($"{source}: format '{config.Format}', expected '{FormatName}'.");
            return config;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}:{e.LineNumber + 1}: not a valid run configuration: {e.Message}", e);
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

/// <summary>The device of a run.</summary>
/// <param name="Requested"><c>auto</c>, <c>cpu</c> or <c>cuda</c>.</param>
/// <param name="Used">The device used (<c>cpu</c>, <c>cuda:0</c>).</param>
/// <param name="Reason">Why.</param>
public sealed record RunDevice(string Requested, string Used, string Reason);

/// <summary>One resumption of a run.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="FromEpoch">Epochs already done.</param>
/// <param name="Epochs">The total epochs asked for.</param>
/// <param name="Command">The command line, if any.</param>
public sealed record RunResume(DateTimeOffset At, int FromEpoch, int Epochs, string? Command);
