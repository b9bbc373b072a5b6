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

    // Reads the version needs of .gnu.version_r (file, version, weak flag, the symbols bound to it); with `patch`,
    // marks that version weak in `elf` (refusing when a symbol outside `allowedSymbols` is bound to it).
    private static List<VersionNeed> Walk(byte[] elf, string? patch, IReadOnlySet<string>? allowedSymbols)
    {
        var span = elf.AsSpan();
        var sections = ReadSections(span);
        if (sections.LastOrDefault(s => s.Type == ShtGnuVerneed) is not { Type: ShtGnuVerneed } verneed) return [];
        var symbolsByIndex = SymbolsByVersionIndex(elf, sections);
        var strtab = sections[verneed.Link];

        var result = new List<VersionNeed>();
        var entry = verneed.Offset;
        for (var n = 0; n < verneed.Info; n++)
        {
            int count = BinaryPrimitives.ReadUInt16LittleEndian(span[(entry + 2)..]);
            var file = String(elf, strtab, BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 4)..]));
            var aux = entry + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 8)..]);
            for (var a = 0; a < count; a++)
            {
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 4)..]);
                int other = BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 6)..]);
                var name = String(elf, strtab, BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]));
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

    // The section headers of a 64-bit little-endian ELF file.
    private static Section[] ReadSections(ReadOnlySpan<byte> span)
    {
        if (span.Length < 64 || span[0] != 0x7f || span[1] != (byte)'E' || span[2] != (byte)'L' || span[3] != (byte)'F')
            throw new InvalidDataException("Not an ELF file.");
        if (span[4] != 2 || span[5] != 1)
            throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");

        var shoff = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        var sections = new Section[shnum];
        for (var i = 0; i < shnum; i++)
        {
            var h = span.Slice(shoff + i * shentsize, shentsize);
            sections[i] = new Section(
                Type: BinaryPrimitives.ReadUInt32LittleEndian(h[4..]),
                Offset: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x18..])),
                Size: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x20..])),
                Link: BinaryPrimitives.ReadUInt32LittleEndian(h[0x28..]),
                Info: BinaryPrimitives.ReadUInt32LittleEndian(h[0x2C..]),
                EntrySize: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(h[0x38..])));
        }
        return sections;
    }

    // The dynamic symbols by version index, from .gnu.version (one ushort per .dynsym entry); empty without them.
    private static Dictionary<int, List<string>> SymbolsByVersionIndex(byte[] elf, Section[] sections)
    {
        var symbolsByIndex = new Dictionary<int, List<string>>();
        if (sections.LastOrDefault(s => s.Type == ShtGnuVersym) is not { Type: ShtGnuVersym } versym ||
            sections.LastOrDefault(s => s.Type == ShtDynsym) is not { Type: ShtDynsym } dynsym)
            return symbolsByIndex;
        var span = elf.AsSpan();
        var symStrtab = sections[dynsym.Link];
        var count = dynsym.Size / dynsym.EntrySize;
        for (var i = 0; i < count; i++)
        {
            var index = BinaryPrimitives.ReadUInt16LittleEndian(span[(versym.Offset + 2 * i)..]) & 0x7fff;
            if (index < 2) continue; // local / global
            var nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(span[(dynsym.Offset + i * dynsym.EntrySize)..]);
            if (!symbolsByIndex.TryGetValue(index, out var list)) symbolsByIndex[index] = list = [];
            list.Add(String(elf, symStrtab, nameOffset));
        }
        return symbolsByIndex;
    }

    // The zero-terminated string at `offset` of a string table.
    private static string String(byte[] elf, Section table, uint offset)
    {
        var start = table.Offset + (int)offset;
        var end = elf.AsSpan(start).IndexOf((byte)0);
        return Encoding.ASCII.GetString(elf, start, end);
    }

    private readonly record struct Section(uint Type, int Offset, int Size, uint Link, uint Info, int EntrySize);
}
