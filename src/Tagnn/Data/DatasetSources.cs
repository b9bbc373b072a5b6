using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tagnn.Data;

/// <summary>One place a real click log can be downloaded from.</summary>
/// <param name="Url">The address (http or https).</param>
/// <param name="Archive">"none" (the file itself), "zip", "7z" or "gz".</param>
/// <param name="Member">For an archive: the path of the click log inside it.</param>
/// <param name="Size">The exact size in bytes of what is downloaded, when known; checked.</param>
/// <param name="Sha256">The SHA-256 (hex) of what is downloaded, when known; checked.</param>
/// <param name="Note">Where the address comes from and how sure we are of it.</param>
public sealed record DatasetDownload(string Url, string Archive, string? Member, long? Size, string? Sha256, string? Note);

/// <summary>A real dataset of <c>data/sources.json</c>.</summary>
/// <param name="Name">"diginetica" or "yoochoose" (the <c>--dataset</c> value).</param>
/// <param name="Title">What it is.</param>
/// <param name="File">The click log's file name under the data folder.</param>
/// <param name="Rows">The number of data rows of the genuine file (checked after download; null: not checked).</param>
/// <param name="Header">The first line when the file has a header; null otherwise.</param>
/// <param name="Size">Its size, in words.</param>
/// <param name="Homepage">The official page.</param>
/// <param name="Terms">The terms of use, in short.</param>
/// <param name="Downloads">Direct download addresses, tried in order; empty when none may be used.</param>
/// <param name="Manual">Steps to get the file by hand.</param>
public sealed record DatasetSource(
    string Name, string Title, string File, long? Rows, string? Header, string Size, string Homepage, string Terms,
    IReadOnlyList<DatasetDownload> Downloads, IReadOnlyList<string> Manual);

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
