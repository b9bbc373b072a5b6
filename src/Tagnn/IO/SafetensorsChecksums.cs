using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tagnn.IO;

/// <summary>
/// Checksums that let a reader of a safetensors file notice damaged bytes (a flipped bit on disk, a truncated copy
/// patched up, an edit by hand) instead of computing with them. The format has no checksum of its own, but its header
/// may carry string metadata (<c>__metadata__</c>): this library stores under <see cref="Key"/> a JSON object mapping
/// every tensor's name to the SHA-256 of its raw bytes (as stored: little-endian, row-major), plus
/// <see cref="MetadataEntry"/> for the other metadata entries, in lowercase hex.
/// </summary>
/// <remarks>
/// Readers that do not know the key (PyTorch's <c>safetensors.torch.load_file</c>) ignore it. Files without it (written
/// by the authors' code, by other tools, or by this library before checksums existed) are read as before, unverified;
/// <see cref="SafetensorsHeader.HasChecksums"/> tells callers so that they can say it.
/// The metadata checksum covers every other entry as UTF-8 <c>key NUL value NUL</c>, keys in ordinal order.
/// </remarks>
public static class SafetensorsChecksums
{
    /// <summary>The <c>__metadata__</c> key holding the checksums.</summary>
    public const string Key = "tagnn.sha256";

    /// <summary>The name under which the checksum of the other metadata entries is stored (never a tensor's name:
    /// the format reserves it).</summary>
    public const string MetadataEntry = "__metadata__";

    /// <summary>The lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The checksum of the metadata entries other than <see cref="Key"/>.</summary>
    public static string OfMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in metadata.Where(p => p.Key != Key).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(value));
            hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The metadata to write: <paramref name="metadata"/> plus <see cref="Key"/> with the checksums of
    /// <paramref name="tensors"/> (name and raw bytes, in file order).</summary>
    internal static Dictionary<string, string> Add(IReadOnlyDictionary<string, string>? metadata, IEnumerable<(string Name, string Checksum)> tensors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
            foreach (var (key, value) in metadata.Where(p => p.Key != Key)) result[key] = value;
        var sums = new Dictionary<string, string>(StringComparer.Ordinal) { [MetadataEntry] = OfMetadata(result) };
        foreach (var (name, checksum) in tensors) sums[name] = checksum;
        result[Key] = JsonSerializer.Serialize(sums);
        return result;
    }

    /// <summary>
    /// Reads and checks the checksums of a parsed header: null when the file carries none; otherwise the checksum of
    /// every tensor by name, after verifying the metadata checksum and that every tensor has exactly one.
    /// </summary>
    /// <exception cref="InvalidDataException">The checksums are unreadable, the metadata does not match its checksum, or
    /// the tensors and the checksums differ; the message names the file and what is damaged.</exception>
    internal static IReadOnlyDictionary<string, string>? Read(string path, IReadOnlyDictionary<string, string> metadata,
        IReadOnlyList<SafetensorsEntry> entries)
    {
        if (!metadata.TryGetValue(Key, out var json)) return null;
        Dictionary<string, string>? sums;
        try
        {
            sums = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException e)
        {
            throw Damaged(path, $"its checksums ({Key} in the header's metadata) are unreadable: {e.Message}");
        }
        if (sums is null || !sums.TryGetValue(MetadataEntry, out var metadataSum))
            throw Damaged(path, $"its checksums ({Key} in the header's metadata) lack the metadata's own");
        if (metadataSum != OfMetadata(metadata))
            throw Damaged(path, "the header's metadata does not match the checksum recorded when the file was written");
        var names = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        if (entries.FirstOrDefault(e => !sums.ContainsKey(e.Name)) is { } unlisted)
            throw Damaged(path, $"tensor '{unlisted.Name}' has no recorded checksum, although the file records them (the header was changed)");
        if (sums.Keys.FirstOrDefault(n => n != MetadataEntry && !names.Contains(n)) is { } missing)
            throw Damaged(path, $"tensor '{missing}' has a recorded checksum but is not in the file (the header was changed)");
        sums.Remove(MetadataEntry);
        return sums;
    }

    /// <summary>Throws unless <paramref name="bytes"/> match the recorded checksum of tensor <paramref name="name"/>.</summary>
    internal static void Verify(string path, string name, ReadOnlySpan<byte> bytes, IReadOnlyDictionary<string, string> checksums)
    {
        if (Of(bytes) != checksums[name])
            throw Damaged(path, $"tensor '{name}' is damaged: its bytes do not match the SHA-256 checksum recorded when the file was written");
    }

    private static InvalidDataException Damaged(string path, string problem) =>
        new($"{path}: {problem}. The file changed after it was written (disk or copy error?): use another copy or checkpoint, or write it again.");
}
