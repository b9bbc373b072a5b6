namespace Tagnn.IO;

/// <summary>A parsed safetensors header: the entries in file order, the free-form metadata, where the data starts.</summary>
/// <param name="Entries">The tensors, in the order the header lists them.</param>
/// <param name="Metadata">The <c>__metadata__</c> string map (empty when absent).</param>
/// <param name="DataStart">Offset of the data buffer in the file (8 + header length).</param>
public sealed record SafetensorsHeader(IReadOnlyList<SafetensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart);
