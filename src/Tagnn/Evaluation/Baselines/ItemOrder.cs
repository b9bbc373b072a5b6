namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// A fixed order of all N items that breaks score ties and places the items a baseline did not score. The library's
/// rule is <see cref="ById"/> (lower id first); POP and S-POP use <see cref="ByPopularity"/>, which is their
/// definition ("ties and the rest by global popularity").
/// </summary>
public sealed class ItemOrder
{
    private readonly int[] order;       // order[p] = the item at 0-based position p
    private readonly int[] positionOf;  // positionOf[item] = its 0-based position (index 0 unused)

    private ItemOrder(int[] order, bool byId)
    {
        this.order = order;
        positionOf = new int[order.Length + 1];
        for (var p = 0; p < order.Length; p++) positionOf[order[p]] = p;
        IsById = byId;
    }

    /// <summary>Items 1..<paramref name="itemCount"/> by id: the library's tie rule.</summary>
    public static ItemOrder ById(int itemCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        var order = new int[itemCount];
        for (var p = 0; p < itemCount; p++) order[p] = p + 1;
        return new ItemOrder(order, byId: true);
    }

    /// <summary>Items by training click count, most clicked first, ties by lower id.</summary>
    /// <param name="popularity">Click counts indexed by item id (length N + 1, index 0 ignored).</param>
    public static ItemOrder ByPopularity(long[] popularity)
    {
        ArgumentNullException.ThrowIfNull(popularity);
        if (popularity.Length < 2) throw new ArgumentException("popularity needs N + 1 >= 2 entries.", nameof(popularity));
        var order = new int[popularity.Length - 1];
        for (var p = 0; p < order.Length; p++) order[p] = p + 1;
        Array.Sort(order, (a, b) => popularity[a] != popularity[b] ? popularity[b].CompareTo(popularity[a]) : a.CompareTo(b));
        return new ItemOrder(order, byId: false);
    }

    /// <summary>N.</summary>
    public int ItemCount => order.Length;

    /// <summary>Whether this is the plain id order.</summary>
    public bool IsById { get; }

    /// <summary>The 0-based position of <paramref name="item"/> (earlier wins a tie).</summary>
    public int PositionOf(int item) => positionOf[item];

    /// <summary>The item at 0-based <paramref name="position"/>.</summary>
    public int ItemAt(int position) => order[position];
}
