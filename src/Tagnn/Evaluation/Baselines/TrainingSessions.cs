using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// The training sessions recovered from the augmented examples (a session is its first, longest example's prefix plus
/// that example's target; <see cref="SessionDataset.SessionStarts"/>), in date order, with the index the
/// neighbourhood methods share: every session's clicks, its distinct items with the position of their last click,
/// and the inverted lists item -> sessions containing it (ascending, so the most recent sessions are last). All in
/// flat arrays: no per-session objects, nothing of size sessions x sessions or items x items.
/// </summary>
internal sealed class TrainingSessions
{
    private readonly int[] clickOffsets, clicks;            // session s: clicks[clickOffsets[s]..clickOffsets[s+1]]
    private readonly int[] distinctOffsets, distinct, last; // session s: distinct items (ascending id), last[] = 1-based position of its last click
    private readonly int[] postingOffsets, postings;        // item i: postings[postingOffsets[i]..postingOffsets[i+1]], ascending

    /// <summary>Builds the index.</summary>
    public TrainingSessions(SessionDataset train, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.MaxItemId > itemCount)
            throw new ArgumentException($"The training data uses item {train.MaxItemId}, beyond N = {itemCount}.", nameof(itemCount));
        ItemCount = itemCount;
        var starts = train.SessionStarts();
        Count = starts.Count;
        clickOffsets = new int[Count + 1];
        for (var s = 0; s < Count; s++) clickOffsets[s + 1] = clickOffsets[s] + train.PrefixLength(starts[s]) + 1;
        clicks = new int[clickOffsets[Count]];
        Popularity = new long[itemCount + 1];
        for (var s = 0; s < Count; s++)
        {
            var at = clickOffsets[s];
            train.Prefix(starts[s]).CopyTo(clicks.AsSpan(at));
            clicks[clickOffsets[s + 1] - 1] = train.Target(starts[s]);
        }
        foreach (var item in clicks) Popularity[item]++;
        MaxLength = 0;
        for (var s = 0; s < Count; s++) MaxLength = Math.Max(MaxLength, clickOffsets[s + 1] - clickOffsets[s]);

        // Distinct items per session with the position of their last click.
        var seen = new int[itemCount + 1];          // seen[item] = 1 + the last session that listed it
        var lastAt = new int[itemCount + 1];
        distinctOffsets = new int[Count + 1];
        var distinctList = new List<int>(clicks.Length);
        var lastList = new List<int>(clicks.Length);
        var buffer = new List<int>();
        for (var s = 0; s < Count; s++)
        {
            buffer.Clear();
            var session = Clicks(s);
            for (var p = 0; p < session.Length; p++)
            {
                var item = session[p];
                if (seen[item] != s + 1)
                {
                    seen[item] = s + 1;
                    buffer.Add(item);
                }
                lastAt[item] = p + 1;
            }
            buffer.Sort();
            foreach (var item in buffer)
            {
                distinctList.Add(item);
                lastList.Add(lastAt[item]);
            }
            distinctOffsets[s + 1] = distinctList.Count;
        }
        distinct = [.. distinctList];
        last = [.. lastList];

        // Inverted lists by counting sort: sessions are visited in order, so every list comes out ascending.
        postingOffsets = new int[itemCount + 2];
        foreach (var item in distinct) postingOffsets[item + 1]++;
        for (var i = 1; i <= itemCount + 1; i++) postingOffsets[i] += postingOffsets[i - 1];
        postings = new int[distinct.Length];
        var fill = postingOffsets[..^1];
        for (var s = 0; s < Count; s++)
            foreach (var item in Distinct(s)) postings[fill[item]++] = s;
    }

    /// <summary>N.</summary>
    public int ItemCount { get; }

    /// <summary>S, the number of training sessions.</summary>
    public int Count { get; }

    /// <summary>The longest session in clicks.</summary>
    public int MaxLength { get; }

    /// <summary>Training clicks per item (length N + 1).</summary>
    public long[] Popularity { get; }

    /// <summary>All clicks of session <paramref name="s"/>, oldest first.</summary>
    public ReadOnlySpan<int> Clicks(int s) => clicks.AsSpan(clickOffsets[s], clickOffsets[s + 1] - clickOffsets[s]);

    /// <summary>The distinct items of session <paramref name="s"/>, ascending id.</summary>
    public ReadOnlySpan<int> Distinct(int s) => distinct.AsSpan(distinctOffsets[s], distinctOffsets[s + 1] - distinctOffsets[s]);

    /// <summary>For each of <see cref="Distinct"/>, the 1-based position of its last click in session <paramref name="s"/>.</summary>
    public ReadOnlySpan<int> LastPositions(int s) => last.AsSpan(distinctOffsets[s], distinctOffsets[s + 1] - distinctOffsets[s]);

    /// <summary>The number of distinct items of session <paramref name="s"/>.</summary>
    public int DistinctCount(int s) => distinctOffsets[s + 1] - distinctOffsets[s];

    /// <summary>The sessions containing <paramref name="item"/>, ascending (empty for an item beyond N).</summary>
    public ReadOnlySpan<int> SessionsOf(int item) =>
        (uint)(item - 1) < (uint)ItemCount ? postings.AsSpan(postingOffsets[item], postingOffsets[item + 1] - postingOffsets[item]) : [];

    /// <summary>Where the inverted list of <paramref name="item"/> starts in <see cref="AllPostings"/>.</summary>
    public int PostingStart(int item) => postingOffsets[item];

    /// <summary>Where the inverted list of <paramref name="item"/> ends (exclusive) in <see cref="AllPostings"/>.</summary>
    public int PostingEnd(int item) => postingOffsets[item + 1];

    /// <summary>Every inverted list back to back.</summary>
    public int[] AllPostings => postings;
}
