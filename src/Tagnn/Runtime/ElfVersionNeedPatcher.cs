using System.Buffers.Binary;
using System.Text;

namespace Tagnn.Runtime;

/// <summary>
/// Marks selected symbol-version requirements of an ELF64 shared library as weak (VER_FLG_WEAK in the
/// <c>.gnu.version_r</c> section), so that glibc's loader accepts the file on a system whose library lacks that
/// version. Used only for <c>GLIBCXX_3.4.32</c> in TorchSharp's <c>libLibTorchSharp.so</c>; see
/// <see cref="TorchRuntime"/> for why that is safe.
/// </summary>
/// <remarks>
/// The patch is refused unless every dynamic symbol bound to the version is in an allow-list: a weak requirement
/// on a version whose symbols are really called would turn a clean load error into a crash later.
/// </remarks>
public static class ElfVersionNeedPatcher
{
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>One version requirement found in the file.</summary>
    /// <param name="Library">The library that must provide it (for example <c>libstdc++.so.6</c>).</param>
    /// <param name="Version">The version name (for example <c>GLIBCXX_3.4.32</c>).</param>
    /// <param name="IsWeak">Whether the requirement is already weak.</param>
    /// <param name="Symbols">The dynamic symbols bound to this version.</param>
    public sealed record VersionNeed(string Library, string Version, bool IsWeak, IReadOnlyList<string> Symbols);

    /// <summary>Lists the version requirements of an ELF64 little-endian shared library.</summary>
    public static IReadOnlyList<VersionNeed> ReadVersionNeeds(byte[] elf) =>
        Walk(elf, patch: null, allowedSymbols: null);

    /// <summary>
    /// Returns a copy of <paramref name="elf"/> in which the requirement on <paramref name="version"/> is weak.
    /// Throws <see cref="InvalidDataException"/> when the file is not ELF64 little-endian, does not require the
    /// version, or binds a symbol to it that is not in <paramref name="allowedSymbols"/>.
    /// </summary>
    public static byte[] MarkWeak(byte[] elf, string version, IReadOnlySet<string> allowedSymbols)
    {
        var copy = (byte[])elf.Clone();
        var needs = Walk(copy, version, allowedSymbols);
        if (!needs.Any(n => n.Version == version))
            throw new InvalidDataException($"The library does not require symbol version {version}.");
        return copy;
    }

    private static List<VersionNeed> Walk(byte[] elf, string? patch, IReadOnlySet<string>? allowedSymbols)
    {
        var span = elf.AsSpan();
        if (elf.Length < 64 || span[0] != 0x7f || span[1] != (byte)'E' || span[2] != (byte)'L' || span[3] != (byte)'F')
            throw new InvalidDataException("Not an ELF file.");
        if (span[4] != 2 || span[5] != 1)
            throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");

        var shoff = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);

        Section? verneed = null, versym = null, dynsym = null;
        var sections = new Section[shnum];
        for (var i = 0; i < shnum; i++)
        {
            var h = span.Slice(shoff + i * shentsize, shentsize);
            var s = new Section(
                Type: BinaryPrimitives.ReadUInt32LittleEndian(h[4..]),
                Offset: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x18..])),
                Size: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x20..])),
                Link: BinaryPrimitives.ReadUInt32LittleEndian(h[0x28..]),
                Info: BinaryPrimitives.ReadUInt32LittleEndian(h[0x2C..]),
                EntrySize: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x38..])));
            sections[i] = s;
            switch (s.Type)
            {
                case ShtGnuVerneed: verneed = s; break;
                case ShtGnuVersym: versym = s; break;
                case ShtDynsym: dynsym = s; break;
            }
        }
        if (verneed is null) return [];

        var strtab = sections[verneed.Value.Link];
        string Str(uint offset)
        {
            var start = strtab.Offset + (int)offset;
            var end = elf.AsSpan(start).IndexOf((byte)0);
            return Encoding.ASCII.GetString(elf, start, end);
        }

        // Symbols by version index, from .gnu.version (one ushort per .dynsym entry).
        var symbolsByIndex = new Dictionary<int, List<string>>();
        if (versym is { } vs && dynsym is { } ds)
        {
            var symStrtab = sections[ds.Link];
            var count = ds.Size / ds.EntrySize;
            for (var i = 0; i < count; i++)
            {
                var index = BinaryPrimitives.ReadUInt16LittleEndian(span[(vs.Offset + 2 * i)..]) & 0x7fff;
                if (index < 2) continue; // local / global
                var nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(span[(ds.Offset + i * ds.EntrySize)..]);
                var start = symStrtab.Offset + (int)nameOffset;
                var end = elf.AsSpan(start).IndexOf((byte)0);
                if (!symbolsByIndex.TryGetValue(index, out var list)) symbolsByIndex[index] = list = [];
                list.Add(Encoding.ASCII.GetString(elf, start, end));
            }
        }

        var result = new List<VersionNeed>();
        var entry = verneed.Value.Offset;
        for (var n = 0; n < verneed.Value.Info; n++)
        {
            int count = BinaryPrimitives.ReadUInt16LittleEndian(span[(entry + 2)..]);
            var file = Str(BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 4)..]));
            var aux = entry + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 8)..]);
            for (var a = 0; a < count; a++)
            {
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 4)..]);
                int other = BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 6)..]);
                var name = Str(BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]));
                var symbols = symbolsByIndex.TryGetValue(other, out var l) ? l : [];
                if (name == patch)
                {
                    var unexpected = symbols.Where(s => !allowedSymbols!.Contains(s)).ToList();
                    if (unexpected.Count > 0)
                        throw new InvalidDataException(
                            $"Refusing to weaken {name}: symbols {string.Join(", ", unexpected)} are bound to it.");
                    flags |= VerFlagWeak;
                    BinaryPrimitives.WriteUInt16LittleEndian(span[(aux + 4)..], flags);
                }
                result.Add(new VersionNeed(file, name, (flags & VerFlagWeak) != 0, symbols));
                aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
            }
            var next = BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 12)..]);
            if (next == 0) break;
            entry += (int)next;
        }
        return result;
    }

    private readonly record struct Section(uint Type, int Offset, int Size, uint Link, uint Info, int EntrySize);
}
