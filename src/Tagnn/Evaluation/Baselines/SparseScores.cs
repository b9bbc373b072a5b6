namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// The scores one baseline gives one session prefix, kept sparsely: only the items it touched are listed, every other
/// item scores 0. Backed by a dense array of N + 1 entries and a list of touched items, so adding, reading and
/// clearing cost O(1) per touched item (the classic sparse accumulator). One instance per thread; reused across
/// prefixes (<see cref="Clear"/>).
/// </summary>
public sealed class SparseScores
{
    private readonly double[] values;   // values[item], 0 when untouched
    private readonly bool[] touched;    // touched[item]: item is listed in items
    private int[] items;                // touched items in the order they were first added
    private int count;
    private object? workspaceOwner;
    private object? workspace;

    /// <summary>Creates an empty accumulator for items 1..<paramref name="itemCount"/>.</summary>
    public SparseScores(int itemCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        ItemCount = itemCount;
        values = new double[itemCount + 1];
        touched = new bool[itemCount + 1];
        items = new int[Math.Min(itemCount, 256)];
    }

    /// <summary>N: items are 1..N.</summary>
    public int ItemCount { get; }

    /// <summary>How many items are listed (touched since the last <see cref="Clear"/>).</summary>
    public int Count => count;

    /// <summary>The listed items, in the order they were first touched.</summary>
    public ReadOnlySpan<int> Items => items.AsSpan(0, count);

    /// <summary>The score of <paramref name="item"/> (0 when it was not touched).</summary>
    public double this[int item] => values[item];

    /// <summary>Whether <paramref name="item"/> is listed.</summary>
    public bool Contains(int item) => touched[item];

    /// <summary>Adds <paramref name="value"/> to the score of <paramref name="item"/>.</summary>
    public void Add(int item, double value)
    {
        if ((uint)(item - 1) >= (uint)ItemCount)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"Items are 1..{ItemCount}.");
        if (!touched[item]) List(item);
        values[item] += value;
    }

    /// <summary>Sets the score of <paramref name="item"/>.</summary>
    public void Set(int item, double value)
    {
        if ((uint)(item - 1) >= (uint)ItemCount)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"Items are 1..{ItemCount}.");
        if (!touched[item]) List(item);
        values[item] = value;
    }

    /// <summary>Forgets every score (cost: the number of listed items).</summary>
    public void Clear()
    {
        foreach (var item in Items)
        {
            values[item] = 0;
            touched[item] = false;
        }
        count = 0;
    }

    /// <summary>The listed items and their scores as a dictionary.</summary>
    public Dictionary<int, double> ToDictionary()
    {
        var result = new Dictionary<int, double>(count);
        foreach (var item in Items) result[item] = values[item];
        return result;
    }

    /// <summary>
    /// A scratch object that lives as long as this accumulator, created on first use by <paramref name="owner"/>
    /// (a baseline keeps its per-thread buffers here, so one fitted baseline can score on many threads at once).
    /// Another owner replaces it.
    /// </summary>
    public T Workspace<T>(object owner, Func<T> create) where T : class
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(create);
        if (!ReferenceEquals(workspaceOwner, owner) || workspace is not T existing)
        {
            existing = create();
            workspace = existing;
            workspaceOwner = owner;
        }
        return existing;
    }

    private void List(int item)
    {
        if (count == items.Length) Array.Resize(ref items, Math.Min(ItemCount, items.Length * 2));
        items[count++] = item;
        touched[item] = true;
    }
}
