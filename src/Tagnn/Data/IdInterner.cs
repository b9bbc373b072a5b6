using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tagnn.Data;

/// <summary>
/// Maps opaque id strings to dense indices 0, 1, 2, ... in order of first appearance, without allocating for ids
/// already seen. Ids written as canonical non-negative integers (no sign, no leading zero, at most 18 digits) go
/// through a direct table indexed by their value when it is below a bound (one array access: Diginetica's item and
/// session ids are small integers), or else a <see cref="Dictionary{TKey,TValue}"/> of <see cref="long"/>; every other
/// id goes through a string dictionary looked up by span. Canonical integer text and its value are in one-to-one correspondence, so two ids get the same
/// index exactly when their strings are equal (as in the reference, which keys by string).
/// </summary>
internal sealed class IdInterner
{
    private readonly Dictionary<long, int> numeric;
    private readonly Dictionary<string, int> other = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> otherLookup;
    private readonly List<string>? originals;
    private readonly int directBound;
    private int[] direct = new int[1024]; // value -> index + 1 (0: not seen), for values below directBound

    /// <summary>Creates an interner; when <paramref name="keepOriginals"/> is set the first spelling of every id is
    /// kept (<see cref="Originals"/>). Integer ids below <paramref name="directBound"/> use a direct table (4 bytes per
    /// value up to the largest seen).</summary>
    public IdInterner(bool keepOriginals, int capacity = 1024, int directBound = 1 << 22)
    {
        this.directBound = directBound;
        numeric = new Dictionary<long, int>(capacity);
        otherLookup = other.GetAlternateLookup<ReadOnlySpan<char>>();
        originals = keepOriginals ? new List<string>(capacity) : null;
    }

    /// <summary>Number of distinct ids seen.</summary>
    public int Count { get; private set; }

    /// <summary>All originals, index order.</summary>
    public string[] Originals() => [.. originals!];

    /// <summary>The index of <paramref name="id"/>, adding it when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Intern(ReadOnlySpan<char> id)
    {
        if (TryCanonicalInteger(id, out var value))
        {
            if (value < directBound)
            {
                if (value >= direct.Length) Array.Resize(ref direct, (int)Math.Min(directBound, Math.Max(2L * direct.Length, value + 1)));
                ref var cell = ref direct[value];
                if (cell == 0)
                {
                    cell = ++Count;
                    originals?.Add(id.ToString());
                }
                return cell - 1;
            }
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(numeric, value, out var exists);
            if (!exists)
            {
                slot = Count++;
                originals?.Add(id.ToString());
            }
            return slot;
        }
        if (otherLookup.TryGetValue(id, out var index)) return index;
        var text = id.ToString();
        other.Add(text, Count);
        originals?.Add(text);
        return Count++;
    }

    /// <summary>True when <paramref name="text"/> is a canonical non-negative integer of at most 18 digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryCanonicalInteger(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18 || (text[0] == '0' && text.Length > 1)) return false;
        foreach (var c in text)
        {
            var d = (uint)(c - '0');
            if (d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}
