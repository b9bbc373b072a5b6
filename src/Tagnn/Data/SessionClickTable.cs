using System.Runtime.CompilerServices;

namespace Tagnn.Data;

/// <summary>
/// The working state of <see cref="ReferencePreprocessor"/>: the clicks of every session of a log in one flat array
/// (CSR), session s owning <c>Items[Start[s]..Start[s] + Length[s]]</c>. Steps shorten a session in place by lowering
/// its <see cref="Length"/>; a length of 0 marks a dropped session. Item values are the log's item indices until step 6
/// renumbers them.
/// </summary>
internal sealed class SessionClickTable
{
    private readonly long[]? timeframes; // Diginetica's timeframe of each click, aligned with Items; null for Yoochoose

    private SessionClickTable(int[] items, int[] start, int[] length, long[]? timeframes)
    {
        Items = items;
        Start = start;
        Length = length;
        this.timeframes = timeframes;
    }

    /// <summary>All clicks, grouped by session (session s from <c>Start[s]</c>).</summary>
    public int[] Items { get; }

    /// <summary>Count + 1 offsets: where each session's clicks begin.</summary>
    public int[] Start { get; }

    /// <summary>How many of its clicks each session still has (0: dropped).</summary>
    public int[] Length { get; }

    /// <summary>Number of sessions of the log (dropped ones included).</summary>
    public int Count => Length.Length;

    /// <summary>The clicks session <paramref name="s"/> still has, in its current order.</summary>
    public Span<int> Clicks(int s) => Items.AsSpan(Start[s], Length[s]);

    /// <summary>Step 1 of the reference: groups the clicks of <paramref name="log"/> by session, each in file order
    /// (with Diginetica's timeframes alongside, for step 2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once: skip the slow tier-0 code
    public static SessionClickTable Group(ClickLog log)
    {
        var sessionCount = log.Sessions;
        var start = new int[sessionCount + 1];
        foreach (var s in log.ClickSession) start[s + 1]++;
        for (var s = 0; s < sessionCount; s++) start[s + 1] += start[s];
        var items = new int[log.Clicks];
        var fill = start.AsSpan(0, sessionCount).ToArray();
        long[]? frames = log.Layout == ClickLogLayout.Diginetica ? new long[log.Clicks] : null;
        for (var c = 0; c < log.Clicks; c++)
        {
            var at = fill[log.ClickSession[c]]++;
            items[at] = log.ClickItem[c];
            if (frames is not null) frames[at] = log.Timeframes![c];
        }
        var length = new int[sessionCount];
        for (var s = 0; s < sessionCount; s++) length[s] = start[s + 1] - start[s];
        return new SessionClickTable(items, start, length, frames);
    }

    /// <summary>Step 2 of the reference (Diginetica): sorts each session's clicks by timeframe, stably (ties keep
    /// file order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SortEachSessionByTimeframe()
    {
        var frames = timeframes ?? throw new InvalidOperationException("Only a Diginetica log has timeframes to sort by.");
        for (var s = 0; s < Count; s++) StableSortByKey(frames.AsSpan(Start[s], Length[s]), Clicks(s));
    }

    /// <summary>The clicks and sessions left (sessions not dropped), as one row of the step table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public StepCount Tally(string step)
    {
        long clicks = 0, sessions = 0;
        for (var s = 0; s < Count; s++)
        {
            if (Length[s] > 0) { clicks += Length[s]; sessions++; }
        }
        return new StepCount(step, clicks, sessions);
    }

    /// <summary>The clicks of <paramref name="sessions"/>.</summary>
    public long ClickCount(ReadOnlySpan<int> sessions)
    {
        long sum = 0;
        foreach (var s in sessions) sum += Length[s];
        return sum;
    }

    /// <summary>
    /// Step 8 of the reference: the examples of <paramref name="order"/>[<paramref name="from"/>..] in the reference
    /// order (session [v1..vk] gives ([v1..vk-1] -> vk), ..., ([v1] -> v2)), leaving out the first
    /// <paramref name="skip"/> examples of the first session.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SessionDataset Augment(int[] order, int from, int skip)
    {
        long examples = 0, prefixItems = 0;
        for (var k = from; k < order.Length; k++)
        {
            long n = Length[order[k]];
            examples += n - 1;
            prefixItems += n * (n - 1) / 2;
        }
        // The skipped examples are the longest prefixes of the first session: lengths n-1, n-2, ..., n-skip.
        if (from < order.Length && skip > 0)
        {
            long n = Length[order[from]];
            examples -= skip;
            for (var i = 1; i <= skip; i++) prefixItems -= n - i;
        }
        if (prefixItems > Array.MaxLength)
            throw new InvalidOperationException($"The augmented examples hold {prefixItems:N0} prefix items, more than one array can hold.");
        var targets = new int[examples];
        var offsets = new int[examples + 1];
        var flat = new int[prefixItems];
        int e = 0, at = 0;
        for (var k = from; k < order.Length; k++)
        {
            var seq = Clicks(order[k]);
            for (var i = k == from ? 1 + skip : 1; i < seq.Length; i++)
            {
                // tar = seq[-i], prefix = seq[:-i]
                targets[e] = seq[^i];
                var prefix = seq[..^i];
                prefix.CopyTo(flat.AsSpan(at));
                at += prefix.Length;
                offsets[++e] = at;
            }
        }
        return new SessionDataset(flat, offsets, targets);
    }

    /// <summary>Stable insertion sort of <paramref name="values"/> by <paramref name="keys"/> (sessions are short); a
    /// long session falls back to a stable sort on (key, position).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void StableSortByKey(Span<long> keys, Span<int> values)
    {
        if (keys.Length <= 64)
        {
            for (var i = 1; i < keys.Length; i++)
            {
                var k = keys[i];
                var v = values[i];
                var j = i - 1;
                while (j >= 0 && keys[j] > k)
                {
                    keys[j + 1] = keys[j];
                    values[j + 1] = values[j];
                    j--;
                }
                keys[j + 1] = k;
                values[j + 1] = v;
            }
            return;
        }
        var pairs = new (long Key, int Position, int Value)[keys.Length];
        for (var i = 0; i < keys.Length; i++) pairs[i] = (keys[i], i, values[i]);
        Array.Sort(pairs, static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Position.CompareTo(b.Position));
        for (var i = 0; i < pairs.Length; i++)
        {
            keys[i] = pairs[i].Key;
            values[i] = pairs[i].Value;
        }
    }
}
