using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.IO;

/// <summary>
/// Reads and writes the safetensors format (the Hugging Face format PyTorch code loads with
/// <c>safetensors.torch.load_file</c>): an 8-byte little-endian header length, a JSON header
/// <c>{name: {dtype, shape, data_offsets}}</c> (plus an optional <c>__metadata__</c> string map), padded with spaces
/// to a multiple of 8 bytes, then the raw little-endian data of every tensor, back to back.
/// </summary>
/// <remarks>
/// Files are validated on reading (a bad file gets an error naming the file and the entry) and written atomically
/// (temp file + rename). Tensors are written in the order given, which is also the header's order.
/// </remarks>
public static class Safetensors
{
    private const long MaxHeaderBytes = 100L << 20;

    private static readonly Dictionary<string, (ScalarType Type, int Size)> DTypes = new(StringComparer.Ordinal)
    {
        ["F64"] = (ScalarType.Float64, 8),
        ["F32"] = (ScalarType.Float32, 4),
        ["F16"] = (ScalarType.Float16, 2),
        ["BF16"] = (ScalarType.BFloat16, 2),
        ["I64"] = (ScalarType.Int64, 8),
        ["I32"] = (ScalarType.Int32, 4),
        ["I16"] = (ScalarType.Int16, 2),
        ["I8"] = (ScalarType.Int8, 1),
        ["U8"] = (ScalarType.Byte, 1),
        ["BOOL"] = (ScalarType.Bool, 1),
    };

    /// <summary>Reads and validates the header of <paramref name="path"/> (and, when the file records checksums, the
    /// metadata against its own; tensors are verified by <see cref="Load"/>).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file or its header is damaged; the
    /// message says why.</exception>
    public static SafetensorsHeader ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>
    /// Loads every tensor of <paramref name="path"/>, in header order, onto <paramref name="device"/> (CPU when null).
    /// The tensors belong to the caller's dispose scope, if any. When the file carries checksums
    /// (<see cref="SafetensorsChecksums"/>) every tensor is verified against its own.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file, or a tensor does not match its
    /// checksum (the message names the file and the tensor).</exception>
    public static IReadOnlyDictionary<string, Tensor> Load(string path, Device? device = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian.");
        using var stream = File.OpenRead(path);
        var header = ReadHeader(stream, path);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in header.Entries)
        {
            var (type, _) = DTypes[entry.DType];
            var tensor = empty(entry.Shape.ToArray(), type, CPU);
            stream.Position = header.DataStart + entry.Begin;
            if (entry.End > entry.Begin) stream.ReadExactly(tensor.bytes);
            if (header.Checksums is { } checksums)
                SafetensorsChecksums.Verify(path, entry.Name, entry.End > entry.Begin ? tensor.bytes : [], checksums);
            if (device is not null && device.type != DeviceType.CPU)
            {
                var moved = tensor.to(device);
                tensor.Dispose();
                tensor = moved;
            }
            result.Add(entry.Name, tensor);
        }
        return result;
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> to <paramref name="path"/> (atomically), in the order given.
    /// Names must be unique and not <c>__metadata__</c>; tensors may live on any device.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">Name and tensor pairs.</param>
    /// <param name="metadata">Optional free-form string metadata (<c>__metadata__</c>).</param>
    /// <param name="checksums">Also store every tensor's checksum in the metadata (<see cref="SafetensorsChecksums"/>),
    /// so that <see cref="Load"/> notices damaged bytes. Off by default: then the bytes are exactly what the reference
    /// tooling writes for the same tensors and metadata.</param>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null, bool checksums = false)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        CheckNames(list);
        AtomicFile.Write(path, stream => Write(stream, list, metadata, checksums));
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> in the safetensors format to <paramref name="stream"/> (not atomic by itself:
    /// <see cref="Save"/> writes through a temporary file). Names must be unique and not <c>__metadata__</c>.
    /// </summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="tensors">Name and tensor pairs, in file order.</param>
    /// <param name="metadata">Optional free-form string metadata (<c>__metadata__</c>).</param>
    /// <param name="checksums">Also store every tensor's checksum in the metadata (see <see cref="Save"/>).</param>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null, bool checksums = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian.");
        var list = tensors.ToList();
        CheckNames(list);

        using var scope = NewDisposeScope();
        var host = list.Select(p => (p.Key, Tensor: p.Value.detach().cpu().contiguous())).ToList();
        if (checksums)
            metadata = SafetensorsChecksums.Add(metadata, host.Select(h => (h.Key, SafetensorsChecksums.Of(h.Tensor.NumberOfElements > 0 ? h.Tensor.bytes : []))));
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in host)
            {
                var bytes = tensor.NumberOfElements * tensor.ElementSize;
                writer.WriteStartObject(name);
                writer.WriteString("dtype", DTypeCode(tensor.dtype, name));
                writer.WriteStartArray("shape");
                foreach (var size in tensor.shape) writer.WriteNumberValue(size);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + bytes);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += bytes;
            }
            writer.WriteEndObject();
        }
        var headerBytes = json.ToArray();
        var padded = (headerBytes.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(headerBytes);
        for (var i = headerBytes.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, tensor) in host)
        {
            if (tensor.NumberOfElements > 0) stream.Write(tensor.bytes);
        }
    }

    private static void CheckNames(List<KeyValuePair<string, Tensor>> list)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in list)
        {
            if (name == "__metadata__" || !names.Add(name))
                throw new ArgumentException($"Tensor name '{name}' is reserved or used twice.", "tensors");
        }
    }

    private static string DTypeCode(ScalarType type, string name)
    {
        foreach (var (code, (t, _)) in DTypes)
        {
            if (t == type) return code;
        }
        throw new ArgumentException($"Tensor '{name}' has dtype {type}, which safetensors cannot store here.");
    }

    private static SafetensorsHeader ReadHeader(Stream stream, string path)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.Length < 8 || stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
            throw Bad(path, "shorter than the 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)MaxHeaderBytes || (long)headerLength > stream.Length - 8)
            throw Bad(path, $"header length {headerLength} does not fit the file ({stream.Length} bytes)");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var dataStart = 8 + (long)headerLength;
        var dataLength = stream.Length - dataStart;

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(headerBytes.AsMemory().TrimEnd((byte)' '));
        }
        catch (JsonException e)
        {
            throw Bad(path, $"header is not valid JSON ({e.Message})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(path, "header is not a JSON object");
            var entries = new List<SafetensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    if (property.Value.ValueKind != JsonValueKind.Object) throw Bad(path, "__metadata__ is not an object");
                    foreach (var m in property.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) throw Bad(path, $"__metadata__ value '{m.Name}' is not a string");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                entries.Add(ParseEntry(property, path, dataLength));
            }

            // The data buffer must be covered exactly, without holes or overlaps.
            long covered = 0;
            foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
            {
                if (entry.Begin != covered)
                    throw Bad(path, $"tensor '{entry.Name}' starts at byte {entry.Begin}, expected {covered} (hole or overlap)");
                covered = entry.End;
            }
            if (covered != dataLength)
                throw Bad(path, $"the tensors cover {covered} bytes of data but the file holds {dataLength}");
            return new SafetensorsHeader(entries, metadata, dataStart) { Checksums = SafetensorsChecksums.Read(path, metadata, entries) };
        }
    }

    private static SafetensorsEntry ParseEntry(JsonProperty property, string path, long dataLength)
    {
        var name = property.Name;
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, $"entry '{name}' is not an object");
        if (!value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
            throw Bad(path, $"tensor '{name}' has no dtype");
        var code = dtype.GetString()!;
        if (!DTypes.TryGetValue(code, out var info)) throw Bad(path, $"tensor '{name}' has unsupported dtype {code}");
        if (!value.TryGetProperty("shape", out var shapeJson) || shapeJson.ValueKind != JsonValueKind.Array)
            throw Bad(path, $"tensor '{name}' has no shape");
        var shape = new List<long>();
        long count = 1;
        foreach (var dim in shapeJson.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var size) || size < 0)
                throw Bad(path, $"tensor '{name}' has an invalid shape entry");
            shape.Add(size);
            count = checked(count * size);
        }
        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Bad(path, $"tensor '{name}' has no data_offsets pair");
        if (!offsets[0].TryGetInt64(out var begin) || !offsets[1].TryGetInt64(out var end) || begin < 0 || end < begin || end > dataLength)
            throw Bad(path, $"tensor '{name}' has data_offsets outside the data ({dataLength} bytes)");
        if (end - begin != count * info.Size)
            throw Bad(path, $"tensor '{name}' holds {end - begin} bytes but its shape and dtype need {count * info.Size}");
        return new SafetensorsEntry(name, code, shape, begin, end);
    }

    private static InvalidDataException Bad(string path, string problem) =>
        new($"{path}: not a valid safetensors file: {problem}.");
}
