namespace Tagnn.Data;

/// <summary>
/// A click log read into memory in columnar form: for every click (in file order) its session and item as dense
/// indices, and for Diginetica its <c>timeframe</c>; for every session the time of its last row in file order (the
/// reference's session date). Session indices follow the order in which sessions first appear; item indices the
/// order in which items first appear, and <see cref="ItemId"/> keeps each item's original string.
/// </summary>
public sealed class ClickLog
{
    internal ClickLog(string file, ClickLogLayout layout, int[] clickSession, int[] clickItem, long[]? timeframes,
        long[] sessionTimes, string[] itemIds, IReadOnlyList<SkippedRows> skipped)
    {
        File = file;
        Layout = layout;
        ClickSession = clickSession;
        ClickItem = clickItem;
        Timeframes = timeframes;
        SessionTimes = sessionTimes;
        ItemIds = itemIds;
        Skipped = skipped;
    }

    /// <summary>The file it was read from.</summary>
    public string File { get; }

    /// <summary>The layout it was read as.</summary>
    public ClickLogLayout Layout { get; }

    /// <summary>Number of clicks (data rows read).</summary>
    public int Clicks => ClickSession.Length;

    /// <summary>Number of distinct sessions.</summary>
    public int Sessions => SessionTimes.Length;

    /// <summary>Number of distinct items.</summary>
    public int Items => ItemIds.Length;

    /// <summary>Rows skipped, by reason (see data/README.md, "Input rules").</summary>
    public IReadOnlyList<SkippedRows> Skipped { get; }

    /// <summary>Total number of rows skipped.</summary>
    public long SkippedRowCount => Skipped.Sum(s => s.Count);

    /// <summary>The session index (0-based, first-appearance order) of every click, in file order.</summary>
    public ReadOnlySpan<int> SessionOfClick => ClickSession;

    /// <summary>The item index (0-based, first-appearance order; see <see cref="ItemId"/>) of every click, in file order.</summary>
    public ReadOnlySpan<int> ItemOfClick => ClickItem;

    /// <summary>Diginetica's <c>timeframe</c> of every click, in file order; empty for Yoochoose.</summary>
    public ReadOnlySpan<long> TimeframeOfClick => Timeframes;

    /// <summary>For every session index, the time of its last row in file order (the reference's session date), in
    /// seconds since 1970-01-01 UTC (Diginetica: the day at 00:00).</summary>
    public ReadOnlySpan<long> SessionTime => SessionTimes;

    /// <summary>The original id of item index <paramref name="item"/> (0-based, first-appearance order).</summary>
    public string ItemId(int item) => ItemIds[item];

    /// <summary>The session index of every click, file order.</summary>
    internal int[] ClickSession { get; }

    /// <summary>The item index of every click, file order.</summary>
    internal int[] ClickItem { get; }

    /// <summary>Diginetica's <c>timeframe</c> of every click; null for Yoochoose.</summary>
    internal long[]? Timeframes { get; }

    /// <summary>For every session, the time (seconds since 1970, UTC) of its last row in file order.</summary>
    internal long[] SessionTimes { get; }

    /// <summary>Original item ids by item index.</summary>
    internal string[] ItemIds { get; }
}
