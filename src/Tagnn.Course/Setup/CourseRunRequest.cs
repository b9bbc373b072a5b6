using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tagnn.Data;
using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Course;

/// <summary>
/// What determines a course run, and nothing else: its kind (an ordinary training run or a selection study), the
/// model specification, the training options, whether the baselines were scored, the bundled sample's prepared files
/// and <see cref="CourseModels.Version"/>. Two requests with the same <see cref="Key"/> produce the same run (same
/// seed, same numbers on the same machine and thread count), so a run found under that key can be used instead of
/// training. The build of the libraries is deliberately NOT part of the key: shipped runs must survive rebuilds; a
/// change of what training computes bumps <see cref="CourseModels.Version"/> instead.
/// </summary>
/// <param name="Kind">What produced the run (<see cref="CourseRunKind"/>).</param>
/// <param name="Model">The model.</param>
/// <param name="Options">The training options.</param>
/// <param name="Baselines">Whether POP and SKNN were scored on the run's test set (in its summary).</param>
internal sealed record CourseRunRequest(CourseRunKind Kind, ModelSpec Model, TrainingOptions Options, bool Baselines)
{
    /// <summary>The folder name: a readable slug of the model, then the key, e.g. <c>sr-gnn-...-3f9c0a1b2c4d</c>.</summary>
    public string FolderName => $"{Slug()}-{Key}";

    /// <summary>12 hex digits of the SHA-256 of <see cref="KeyText"/> and the sample's prepared files.</summary>
    public string Key
    {
        get
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(Encoding.UTF8.GetBytes(KeyText));
            foreach (var file in new[] { PreparedDataset.TrainFile, PreparedDataset.TestFile, PreparedDataset.ItemsFile })
                hash.AppendData(File.ReadAllBytes(Path.Combine(SampleData.PreparedPath, file)));
            return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
        }
    }

    /// <summary>The text part of the key (the data files are hashed after it).</summary>
    public string KeyText => new StringBuilder()
        .Append("tagnn course run, CourseModels version ").Append(CourseModels.Version).Append('\n')
        .Append("kind: ").Append(CourseRunManifest.KindName(Kind)).Append('\n')
        .Append("model: ").Append(JsonSerializer.Serialize(Model, RunJson.Compact)).Append('\n')
        .Append("training: ").Append(JsonSerializer.Serialize(Options, RunJson.Compact)).Append('\n')
        .Append("baselines: ").Append(Baselines ? "pop, sknn" : "pop").Append('\n')
        .ToString();

    private string Slug()
    {
        var prefix = Kind == CourseRunKind.SelectionStudy ? "selection-" : "";
        var slug = Regex.Replace(prefix + Model.Describe().ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }
}
