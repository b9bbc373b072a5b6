using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tagnn.Data;

/// <summary><c>data/sources.json</c>: the one list of real datasets and where they come from.</summary>
/// <param name="Datasets">The datasets.</param>
public sealed record DatasetSources(IReadOnlyList<DatasetSource> Datasets)
{
    /// <summary>The committed file, relative to the repository root.</summary>
    public const string RelativePath = "data/sources.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The dataset called <paramref name="name"/>.</summary>
    public DatasetSource this[string name] => Datasets.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"no dataset '{name}' in {RelativePath}; known: {string.Join(", ", Datasets.Select(d => d.Name))}.");

    /// <summary>Loads and checks a sources file.</summary>
    public static DatasetSources Load(string path)
    {
        DatasetSources? sources;
        try
        {
            sources = JsonSerializer.Deserialize<DatasetSources>(System.IO.File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: not a valid sources file: {e.Message}", e);
        }
        if (sources?.Datasets is null || sources.Datasets.Count == 0) throw new InvalidDataException($"{path}: no datasets.");
        foreach (var d in sources.Datasets)
        {
            if (string.IsNullOrWhiteSpace(d.Name) || string.IsNullOrWhiteSpace(d.File))
                throw new InvalidDataException($"{path}: every dataset needs a name and a file.");
            if (d.File.Contains('/') || d.File.Contains('\\') || d.File.Contains(".."))
                throw new InvalidDataException($"{path}: dataset '{d.Name}': file '{d.File}' must be a plain file name.");
            foreach (var x in d.Downloads ?? [])
            {
                if (!Uri.TryCreate(x.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw new InvalidDataException($"{path}: dataset '{d.Name}': '{x.Url}' is not an http(s) address.");
                if (x.Archive is not ("none" or "zip" or "7z" or "gz"))
                    throw new InvalidDataException($"{path}: dataset '{d.Name}': archive must be none, zip, 7z or gz, not '{x.Archive}'.");
                if (x.Archive is "zip" or "7z" && string.IsNullOrWhiteSpace(x.Member))
                    throw new InvalidDataException($"{path}: dataset '{d.Name}': a {x.Archive} download needs the member to extract.");
                if (x.Sha256 is not null && (x.Sha256.Length != 64 || !x.Sha256.All(Uri.IsHexDigit)))
                    throw new InvalidDataException($"{path}: dataset '{d.Name}': sha256 must be 64 hex digits.");
            }
        }
        return sources;
    }
}
