using System.Text.Json;
using Tagnn.IO;
using Tagnn.Training;

namespace Tagnn.Course;

/// <summary>
/// <c>course-run.json</c>, beside the run files of every run shipped in <see cref="CourseModels.ShippedRelativePath"/>:
/// which key and kind the run was made for, whether its best weights are included, when and by which command it was
/// generated, and which notebooks asked for it (so a test can check that every shipped run is used).
/// </summary>
public sealed record CourseRunManifest
{
    /// <summary>The file name inside a shipped run folder.</summary>
    public const string FileName = "course-run.json";

    /// <summary>The format tag.</summary>
    public const string FormatName = "tagnn-course-run/1";

    /// <summary>The format tag (<see cref="FormatName"/>).</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The <see cref="CourseModels.Version"/> the run was made with.</summary>
    public required int Version { get; init; }

    /// <summary>The run's key (the end of its folder name).</summary>
    public required string Key { get; init; }

    /// <summary><c>training</c> or <c>selection_study</c> (<see cref="CourseRunKind"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>The model in one line.</summary>
    public required string Model { get; init; }

    /// <summary>Whether SKNN was scored too (POP always is).</summary>
    public required bool Baselines { get; init; }

    /// <summary>Whether <c>checkpoints/best.safetensors</c> (the selected epoch's weights, without Adam's state) is
    /// included: only for runs a notebook loads a model from.</summary>
    public required bool Weights { get; init; }

    /// <summary>When it was generated (UTC).</summary>
    public required DateTimeOffset Generated { get; init; }

    /// <summary>The command that generates every shipped run.</summary>
    public string Command { get; init; } = CourseModels.RegenerateCommand;

    /// <summary>The notebooks (file names without extension) that asked for the run while it was generated.</summary>
    public required IReadOnlyList<string> Notebooks { get; init; }

    /// <summary>The JSON name of <paramref name="kind"/>.</summary>
    public static string KindName(CourseRunKind kind) => kind switch
    {
        CourseRunKind.Training => "training",
        CourseRunKind.SelectionStudy => "selection_study",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads <c>course-run.json</c> of <paramref name="directory"/>, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file is not a manifest; the message names it.</exception>
    public static CourseRunManifest? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize<CourseRunManifest>(File.ReadAllText(path), RunJson.Indented)
                ?? throw new InvalidDataException($"{path}: empty.");
            if (manifest.Format != FormatName) throw new InvalidDataException($"{path}: format '{manifest.Format}', expected '{FormatName}'.");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: {e.Message}", e);
        }
    }

    /// <summary>Writes the manifest into <paramref name="directory"/> (atomically).</summary>
    public void Write(string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, RunJson.Indented) + "\n");
}
