using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Tagnn.IO;
using Tagnn.Tests.Support;
using static TorchSharp.torch;

namespace Tagnn.Tests.IO;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tagnn-st-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Reads_the_fixture_files_written_by_the_reference_tooling()
    {
        using var scope = NewDisposeScope();
        var header = Safetensors.ReadHeader(Path.Combine(ParityFixture.Folder, "tagnn-tiny.expected.safetensors"));
        Assert.Contains(header.Entries, e => e is { Name: "items", DType: "I64" });
        var tensors = Safetensors.Load(Path.Combine(ParityFixture.Folder, "tagnn-tiny.expected.safetensors"));
        Assert.Equal(ScalarType.Int64, tensors["items"].dtype);
        Assert.Equal([6L, 6L], tensors["items"].shape);
        Assert.Equal([6L, 6L, 12L], tensors["A"].shape);
        Assert.Equal(ScalarType.Float32, tensors["A"].dtype);
        // First session [3, 5, 3, 7] padded to 9: nodes 0, 3, 5, 7, then node padding.
        Assert.Equal([0L, 3L, 5L, 7L, 0L, 0L], tensors["items"][0].data<long>().ToArray());
        Assert.Equal(2.987894296646118, tensors["loss"].item<float>(), 1e-6);
    }

    [Fact]
    public void Writing_what_was_read_gives_back_the_same_bytes()
    {
        using var scope = NewDisposeScope();
        foreach (var name in new[] { "tagnn-tiny.weights.safetensors", "srgnn-tiny.expected.safetensors" })
        {
            var source = Path.Combine(ParityFixture.Folder, name);
            var copy = Path.Combine(dir, name);
            Safetensors.Save(copy, Safetensors.Load(source));
            Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
        }
    }

    [Fact]
    public void Round_trips_dtypes_shapes_scalars_empty_tensors_and_metadata()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = randn(3, 4),
            ["f64"] = randn(2, dtype: ScalarType.Float64),
            ["i64"] = tensor(new long[] { 1, -2, long.MaxValue }),
            ["i32"] = tensor(new[] { 7, 8 }),
            ["bool"] = tensor(new[] { true, false, true }),
            ["scalar"] = tensor(3.5f),
            ["empty"] = zeros(0, 5),
            ["view"] = arange(12, dtype: ScalarType.Float32).view(3, 4).t(), // not contiguous
        };
        var path = Path.Combine(dir, "all.safetensors");
        Safetensors.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode" });
        var back = Safetensors.Load(path);
        Assert.Equal(tensors.Keys, back.Keys);
        foreach (var (name, t) in tensors)
        {
            Assert.Equal(t.dtype, back[name].dtype);
            Assert.Equal(t.shape, back[name].shape);
            Assert.True(t.eq(back[name]).all().item<bool>(), name);
        }
        var header = Safetensors.ReadHeader(path);
        Assert.Equal("ünïcode", header.Metadata["note"]);
        Assert.Equal(0, header.DataStart % 8);
    }

    [Fact]
    public void Checksums_are_written_on_request_and_name_the_damaged_tensor_or_metadata()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(dir, "summed.safetensors");
        var tensors = new Dictionary<string, Tensor> { ["a"] = randn(3, 4), ["b"] = arange(10, dtype: ScalarType.Int64), ["empty"] = zeros(0, 2) };
        Safetensors.Save(path, tensors, new Dictionary<string, string> { ["note"] = "kept" }, checksums: true);
        var header = Safetensors.ReadHeader(path);
        Assert.True(header.HasChecksums);
        Assert.Equal(["a", "b", "empty"], header.Checksums!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("kept", header.Metadata["note"]);
        Assert.True(Safetensors.Load(path)["b"].eq(tensors["b"]).all().item<bool>());

        var bytes = File.ReadAllBytes(path);
        var b = header.Entries.Single(e => e.Name == "b");
        var flipped = (byte[])bytes.Clone();
        flipped[header.DataStart + b.Begin + 9] ^= 0x10;
        File.WriteAllBytes(path, flipped);
        Assert.True(Safetensors.ReadHeader(path).HasChecksums); // the header is intact...
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(path)); // ...tensor b is not
        Assert.Contains(path, e.Message);
        Assert.Contains("tensor 'b' is damaged", e.Message);

        var edited = (byte[])bytes.Clone();
        var at = bytes.AsSpan(0, (int)header.DataStart).IndexOf("\"kept\""u8);
        edited[at + 4] = (byte)'T'; // the metadata value "kept" becomes "kepT": still valid JSON
        File.WriteAllBytes(path, edited);
        e = Assert.Throws<InvalidDataException>(() => Safetensors.ReadHeader(path));
        Assert.Contains("metadata does not match the checksum", e.Message);
    }

    [Fact]
    public void Files_without_checksums_load_unverified_and_say_so()
    {
        using var scope = NewDisposeScope();
        var source = Path.Combine(ParityFixture.Folder, "tagnn-tiny.weights.safetensors"); // written by the authors' tooling
        Assert.False(Safetensors.ReadHeader(source).HasChecksums);
        Assert.NotEmpty(Safetensors.Load(source));
    }

    [Fact]
    public void Header_layout_matches_the_fixture_files()
    {
        using var scope = NewDisposeScope();
        var source = Path.Combine(ParityFixture.Folder, "srgnn-tiny.weights.safetensors");
        var ours = Path.Combine(dir, "ours.safetensors");
        Safetensors.Save(ours, Safetensors.Load(source).Select(p => KeyValuePair.Create(p.Key, p.Value * 2)));
        var (theirHeader, theirPadding) = RawHeader(source);
        var (ourHeader, ourPadding) = RawHeader(ours);
        Assert.Equal(theirPadding, ourPadding);
        using var a = JsonDocument.Parse(theirHeader);
        using var b = JsonDocument.Parse(ourHeader);
        Assert.Equal(a.RootElement.EnumerateObject().Select(p => p.Name), b.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var p in a.RootElement.EnumerateObject())
        {
            Assert.Equal(p.Value.EnumerateObject().Select(x => x.Name), b.RootElement.GetProperty(p.Name).EnumerateObject().Select(x => x.Name));
            Assert.Equal(p.Value.GetRawText(), b.RootElement.GetProperty(p.Name).GetRawText());
        }
    }

    [Fact]
    public void Bad_files_get_errors_naming_the_file_and_the_problem()
    {
        var good = File.ReadAllBytes(Path.Combine(ParityFixture.Folder, "srgnn-tiny.weights.safetensors"));
        AssertBad(good[..5], "shorter than the 8-byte header length");
        AssertBad(good[..^4], "outside the data");
        AssertBad([.. good, 0, 0, 0, 0], "cover");
        var huge = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(huge, 1UL << 40);
        AssertBad(huge, "header length");
        AssertBad(WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "need 8");
        AssertBad(WithHeader("{\"a\":{\"dtype\":\"X9\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "unsupported dtype X9");
        AssertBad(WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "hole or overlap");
        AssertBad(WithHeader("not json", 0), "not valid JSON");
    }

    private void AssertBad(byte[] bytes, string problem)
    {
        var path = Path.Combine(dir, "bad.safetensors");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.ReadHeader(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(problem, e.Message);
    }

    private static byte[] WithHeader(string json, int dataBytes)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var result = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)header.Length);
        header.CopyTo(result, 8);
        return result;
    }

    private static (string Json, int Padding) RawHeader(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var text = Encoding.UTF8.GetString(bytes, 8, length);
        var trimmed = text.TrimEnd(' ');
        return (trimmed, text.Length - trimmed.Length);
    }
}
