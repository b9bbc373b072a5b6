using System.Text;
using Tagnn.IO;

namespace Tagnn.Data;

/// <summary>
/// The canonical examples format (<c>train.tsv</c>, <c>test.tsv</c>): one example a line, the target item id, a TAB,
/// then the prefix's item ids separated by single spaces, in the reference's order; UTF-8, <c>\n</c> line ends.
/// </summary>
public static class ExamplesFile
{
    /// <summary>Writes <paramref name="dataset"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, SessionDataset dataset, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        AtomicFile.Write(path, stream => WriteTo(stream, dataset), overwrite);
    }

    /// <summary>Writes the examples as UTF-8 bytes straight into a buffer (no per-number strings or chars).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void WriteTo(Stream stream, SessionDataset dataset)
    {
        var buffer = new byte[1 << 16];
        var n = 0;
        for (var i = 0; i < dataset.Count; i++)
        {
            var prefix = dataset.Prefix(i);
            var longest = (prefix.Length + 1) * 11 + 1; // at most 10 digits and a separator per id, then '\n'
            if (n + longest > buffer.Length)
            {
                stream.Write(buffer, 0, n);
                n = 0;
                if (longest > buffer.Length) buffer = new byte[longest];
            }
            dataset.Target(i).TryFormat(buffer.AsSpan(n), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            n += written;
            buffer[n++] = (byte)'\t';
            for (var p = 0; p < prefix.Length; p++)
            {
                if (p > 0) buffer[n++] = (byte)' ';
                prefix[p].TryFormat(buffer.AsSpan(n), out written, default, System.Globalization.CultureInfo.InvariantCulture);
                n += written;
            }
            buffer[n++] = (byte)'\n';
        }
        stream.Write(buffer, 0, n);
    }

    /// <summary>Reads an examples file; a malformed line raises <see cref="InvalidDataException"/> naming the
    /// file, the line number and the problem.</summary>
    public static SessionDataset Read(string path)
    {
        var items = new List<int>(1 << 16);
        var offsets = new List<int>(1 << 14) { 0 };
        var targets = new List<int>(1 << 14);
        using var reader = new StreamReader(path, Encoding.UTF8, false, 1 << 16);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                throw new InvalidDataException($"{path}:{lineNumber}: empty line; expected '<target>\\t<item> <item> ...'.");
            var span = line.AsSpan();
            var tab = span.IndexOf('\t');
            if (tab < 0)
                throw new InvalidDataException($"{path}:{lineNumber}: no TAB between the target and the prefix in '{line}'.");
            targets.Add(ParseId(span[..tab], path, lineNumber, "target"));
            var rest = span[(tab + 1)..];
            if (rest.IsEmpty)
                throw new InvalidDataException($"{path}:{lineNumber}: the prefix is empty.");
            foreach (var range in rest.Split(' '))
                items.Add(ParseId(rest[range], path, lineNumber, "prefix item"));
            offsets.Add(items.Count);
        }
        return new SessionDataset([.. items], [.. offsets], [.. targets]);
    }

    private static int ParseId(ReadOnlySpan<char> text, string path, int line, string what)
    {
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1)
            throw new InvalidDataException($"{path}:{line}: {what} '{text}' is not an item id (a positive integer).");
        return id;
    }
}
