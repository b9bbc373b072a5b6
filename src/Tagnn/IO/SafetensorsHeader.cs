namespace Tagnn.IO;

/// <summary>A parsed safetensors header: the entries in file order, the free-form metadata, where the data starts.</summary>
/// <param name="Entries">The tensors, in the order the header lists them.</param>
/// <param name="Metadata">The <c>__metadata__</c> string map (empty when absent).</param>
/// <param name="DataStart">Offset of the data buffer in the file (8 + header length).</param>
public sealed record SafetensorsHeader(IReadOnlyList<SafetensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart)
{
    /// <summary>Every tensor's recorded SHA-256 (<see cref="SafetensorsChecksums"/>), already checked against the header;
    /// null when the file carries none (written by another tool, or by this library without checksums).</summary>
    public IReadOnlyDictionary<string, string>? Checksums { get; init; }

    /// <summary>Whether the file records checksums, so that loading it verifies every tensor.</summary>
    public bool HasChecksums => Checksums is not null;
}
