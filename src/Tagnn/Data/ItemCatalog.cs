using System.Text;
using Tagnn.IO;

namespace Tagnn.Data;

/// <summary>
/// The item table: renumbered ids 1..n (0 is padding) and the original item ids of the click log, which stay
/// opaque strings. Stored as <c>items.tsv</c>: a header line <c>item_id\toriginal_id</c>, then one line per item in
/// id order.
/// </summary>
public sealed class ItemCatalog
{
    /// <summary>The header line of <c>items.tsv</c>.</summary>
    public const string Header = "item_id\toriginal_id";

    private readonly string[] originals; // index = id - 1
    private readonly Dictionary<string, int> ids;

    /// <summary>Creates a catalog; <paramref name="originalIds"/>[k] is the original id of item k + 1.</summary>
    public ItemCatalog(IReadOnlyList<string> originalIds)
    {
        ArgumentNullException.ThrowIfNull(originalIds);
        originals = [.. originalIds];
        ids = new Dictionary<string, int>(originals.Length, StringComparer.Ordinal);
        for (var k = 0; k < originals.Length; k++)
        {
            if (!ids.TryAdd(originals[k], k + 1))
                throw new ArgumentException($"Original item id '{originals[k]}' appears twice (ids {ids[originals[k]]} and {k + 1}).");
        }
    }

    /// <summary>Number of items n (ids 1..n); a model's item table has n + 1 rows.</summary>
    public int Count => originals.Length;

    /// <summary>The original id of item <paramref name="id"/> (1..n).</summary>
    public string OriginalId(int id)
    {
        if (id < 1 || id > originals.Length)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Item ids run from 1 to {originals.Length}.");
        return originals[id - 1];
    }

    /// <summary>The renumbered id of an original item id, or null when the item is not in the catalog.</summary>
    public int? IdOf(string originalId) => ids.TryGetValue(originalId, out var id) ? id : null;

    /// <summary>Writes <c>items.tsv</c> atomically.</summary>
    public void Save(string path, bool overwrite = true)
    {
        var text = new StringBuilder(originals.Length * 12);
        text.Append(Header).Append('\n');
        for (var k = 0; k < originals.Length; k++) text.Append(k + 1).Append('\t').Append(originals[k]).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString(), overwrite);
    }

    /// <summary>Reads <c>items.tsv</c>; errors name the file and line.</summary>
    public static ItemCatalog Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = reader.ReadLine();
        if (header != Header)
            throw new InvalidDataException($"{path}:1: expected the header '{Header.Replace("\t", "\\t")}', found '{header}'.");
        var list = new List<string>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var tab = line.IndexOf('\t');
            if (tab <= 0 || !int.TryParse(line.AsSpan(0, tab), out var id))
                throw new InvalidDataException($"{path}:{lineNumber}: expected '<item_id>\\t<original_id>', found '{line}'.");
            if (id != list.Count + 1)
                throw new InvalidDataException($"{path}:{lineNumber}: expected item id {list.Count + 1}, found {id} (ids must be 1..n in order).");
            list.Add(line[(tab + 1)..]);
        }
        return new ItemCatalog(list);
    }
}
