namespace Tagnn.Data;

/// <summary>
/// The reference preprocessing (SR-GNN's <c>datasets/preprocess.py</c>, docs/REFERENCE.md#r1-preprocessing) as separate,
/// readable steps over plain lists, so a notebook can run it one step at a time and look at what each step did.
/// Composed in order, the steps give exactly the examples of <see cref="ReferencePreprocessor.Run"/> (a test checks
/// it on the authors' parity fixtures and on the sample); <see cref="ReferencePreprocessor"/> remains the fast,
/// production path.
/// </summary>
/// <example>
/// <code>
/// var sessions = PreprocessingSteps.Group(log);                         // 1
/// sessions = PreprocessingSteps.SortByTimeframe(sessions);              // 2 (Diginetica)
/// sessions = PreprocessingSteps.DropSingleClickSessions(sessions);      // 3
/// sessions = PreprocessingSteps.DropRareItems(sessions);                // 4
/// var split = PreprocessingSteps.SplitByDate(sessions, days: 7);        // 5
/// var items = PreprocessingSteps.NumberItems(split.Train);              // 6
/// var train = PreprocessingSteps.Renumber(split.Train, items);          // 7 (nothing to remove in train)
/// var test = PreprocessingSteps.Renumber(split.Test, items);            // 7
/// var trainSet = PreprocessingSteps.Augment(train);                     // 8
/// </code>
/// </example>
public static class PreprocessingSteps
{
    /// <summary>Step 1: groups the clicks by session, in file order. A session's date is that of its last row in file
    /// order (<see cref="ClickLog.SessionTime"/>).</summary>
    public static IReadOnlyList<ClickSession> Group(ClickLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var items = new List<string>[log.Sessions];
        var frames = log.Layout == ClickLogLayout.Diginetica ? new List<long>[log.Sessions] : null;
        for (var s = 0; s < log.Sessions; s++)
        {
            items[s] = [];
            if (frames is not null) frames[s] = [];
        }
        var sessionOfClick = log.SessionOfClick;
        var itemOfClick = log.ItemOfClick;
        var timeframeOfClick = log.TimeframeOfClick;
        for (var c = 0; c < log.Clicks; c++)
        {
            var s = sessionOfClick[c];
            items[s].Add(log.ItemId(itemOfClick[c]));
            frames?[s].Add(timeframeOfClick[c]);
        }
        var sessionTime = log.SessionTime;
        var result = new ClickSession[log.Sessions];
        for (var s = 0; s < log.Sessions; s++)
            result[s] = new ClickSession(s, DateTime.UnixEpoch.AddSeconds(sessionTime[s]), items[s], frames?[s]);
        return result;
    }

    /// <summary>Step 2 (Diginetica only): sorts each session's clicks by <c>timeframe</c>, stably (ties keep file
    /// order). The session date does not change.</summary>
    /// <exception cref="InvalidOperationException">A session has no timeframes (a Yoochoose log keeps file order).</exception>
    public static IReadOnlyList<ClickSession> SortByTimeframe(IReadOnlyList<ClickSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return [.. sessions.Select(s =>
        {
            var frames = s.Timeframes ?? throw new InvalidOperationException(
                $"Session {s.Index} has no timeframes: only Diginetica sessions are sorted (Yoochoose keeps file order).");
            var order = Enumerable.Range(0, s.Length).OrderBy(i => frames[i]).ToArray(); // OrderBy is stable
            return s with { Items = [.. order.Select(i => s.Items[i])], Timeframes = [.. order.Select(i => frames[i])] };
        })];
    }

    /// <summary>Step 3: drops the sessions with exactly one click.</summary>
    public static IReadOnlyList<ClickSession> DropSingleClickSessions(IReadOnlyList<ClickSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return [.. sessions.Where(s => s.Length != 1)];
    }

    /// <summary>
    /// Step 4: counts every item's clicks (repeats count) over <paramref name="sessions"/>, removes the clicks on items
    /// with fewer than <paramref name="minSupport"/>, then drops the sessions left with fewer than 2 clicks. One pass:
    /// the counts are not recomputed after the drop, so an item can end below the threshold.
    /// </summary>
    public static IReadOnlyList<ClickSession> DropRareItems(IReadOnlyList<ClickSession> sessions, int minSupport = ReferencePreprocessor.MinItemSupport)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var support = ItemClicks(sessions);
        var result = new List<ClickSession>(sessions.Count);
        foreach (var s in sessions)
        {
            var keep = Enumerable.Range(0, s.Length).Where(i => support[s.Items[i]] >= minSupport).ToArray();
            if (keep.Length < 2) continue;
            result.Add(keep.Length == s.Length ? s : s with
            {
                Items = [.. keep.Select(i => s.Items[i])],
                Timeframes = s.Timeframes is null ? null : [.. keep.Select(i => s.Timeframes[i])],
            });
        }
        return result;
    }

    /// <summary>Clicks per original item id over <paramref name="sessions"/> (repeats count): the support of step 4.</summary>
    public static IReadOnlyDictionary<string, int> ItemClicks(IEnumerable<ClickSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sessions)
        {
            foreach (var item in s.Items) counts[item] = counts.GetValueOrDefault(item) + 1;
        }
        return counts;
    }

    /// <summary>
    /// Step 5: the split by date. maxdate = the latest session date; splitdate = maxdate - <paramref name="days"/>
    /// days. Train = dated before splitdate, test = dated after it, both sorted by date with a stable sort (ties keep
    /// the order of <paramref name="sessions"/>); the sessions dated exactly splitdate are dropped.
    /// </summary>
    /// <param name="sessions">The sessions left by step 4.</param>
    /// <param name="days">The test window: 7 for Diginetica, 1 for Yoochoose (see <see cref="TestWindowDays"/>).</param>
    /// <exception cref="ArgumentException">No session.</exception>
    public static DateSplit SplitByDate(IReadOnlyList<ClickSession> sessions, int days)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        if (sessions.Count == 0) throw new ArgumentException("There is no session to split.", nameof(sessions));
        var maxDate = sessions.Max(s => s.Date);
        var splitDate = maxDate.AddDays(-days);
        return new DateSplit(maxDate, splitDate,
            [.. sessions.Where(s => s.Date < splitDate).OrderBy(s => s.Date)],
            [.. sessions.Where(s => s.Date == splitDate)],
            [.. sessions.Where(s => s.Date > splitDate).OrderBy(s => s.Date)]);
    }

    /// <summary>The reference's test window in days: 7 for Diginetica, 1 for Yoochoose.</summary>
    public static int TestWindowDays(ClickLogLayout layout) => layout == ClickLogLayout.Diginetica ? 7 : 1;

    /// <summary>Step 6: numbers the items 1..n in order of first appearance while scanning the date-sorted train
    /// sessions (0 stays free for padding).</summary>
    public static ItemCatalog NumberItems(IEnumerable<ClickSession> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var s in train)
        {
            foreach (var item in s.Items)
            {
                if (seen.Add(item)) order.Add(item);
            }
        }
        return new ItemCatalog(order);
    }

    /// <summary>
    /// Step 7: rewrites sessions in the new ids, removing the clicks on items the catalog does not have (items never
    /// seen in train), then dropping the sessions left with fewer than 2 clicks. On the train sessions it removes
    /// nothing. The order of the sessions is kept.
    /// </summary>
    public static IReadOnlyList<int[]> Renumber(IEnumerable<ClickSession> sessions, ItemCatalog items)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(items);
        var result = new List<int[]>();
        foreach (var s in sessions)
        {
            int[] ids = [.. s.Items.Select(items.IdOf).Where(id => id is not null).Select(id => id!.Value)];
            if (ids.Length >= 2) result.Add(ids);
        }
        return result;
    }

    /// <summary>
    /// Step 8 for one session [v1..vk]: the k - 1 examples ([v1..vk-1] -> vk), ([v1..vk-2] -> vk-1), ..., ([v1] -> v2),
    /// longest prefix first (the reference's order).
    /// </summary>
    public static IReadOnlyList<(int[] Prefix, int Target)> Prefixes(IReadOnlyList<int> session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var result = new List<(int[], int)>(Math.Max(0, session.Count - 1));
        for (var i = 1; i < session.Count; i++) result.Add(([.. session.Take(session.Count - i)], session[^i]));
        return result;
    }

    /// <summary>Step 8: the examples of every session (<see cref="Prefixes"/>), sessions in the given (date) order.</summary>
    public static SessionDataset Augment(IEnumerable<IReadOnlyList<int>> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return SessionDataset.FromExamples(sessions.SelectMany(Prefixes).Select(e => (e.Target, (IReadOnlyList<int>)e.Prefix)));
    }

    /// <summary>
    /// Step 9 (Yoochoose): the train fraction 1/<paramref name="denominator"/> = the LAST floor(E / denominator) of
    /// the E augmented train examples (the most recent ones). As in Python, where <c>x[-0:]</c> is the whole list, a
    /// fraction of zero examples gives all of them. Items are not renumbered.
    /// </summary>
    public static SessionDataset LastFraction(SessionDataset train, int denominator)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(denominator, 1);
        var take = train.Count / denominator;
        if (take == 0) take = train.Count;
        return train.Slice(train.Count - take, take);
    }

    /// <summary>The clicks and sessions of <paramref name="sessions"/>, as one row of a step table.</summary>
    public static StepCount Count(string step, IEnumerable<ClickSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        long clicks = 0, count = 0;
        foreach (var s in sessions) { clicks += s.Length; count++; }
        return new StepCount(step, clicks, count);
    }

    /// <summary>The clicks and sessions of renumbered <paramref name="sessions"/>, as one row of a step table.</summary>
    public static StepCount Count(string step, IEnumerable<IReadOnlyCollection<int>> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        long clicks = 0, count = 0;
        foreach (var s in sessions) { clicks += s.Count; count++; }
        return new StepCount(step, clicks, count);
    }
}
