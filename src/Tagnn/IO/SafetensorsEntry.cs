namespace Tagnn.IO;

/// <summary>One tensor's entry in a safetensors header.</summary>
/// <param name="Name">The tensor's name.</param>
/// <param name="DType">The safetensors dtype code (<c>F32</c>, <c>I64</c>, ...).</param>
/// <param name="Shape">The shape (empty for a scalar).</param>
/// <param name="Begin">Start of the data, in bytes after the header.</param>
/// <param name="End">End of the data (exclusive), in bytes after the header.</param>
public sealed record SafetensorsEntry(string Name, string DType, IReadOnlyList<long> Shape, long Begin, long End);
