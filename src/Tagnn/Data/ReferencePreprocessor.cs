using System.Runtime.CompilerServices;

namespace Tagnn.Data;

/// <summary>
/// The reference preprocessing of SR-GNN's <c>datasets/preprocess.py</c> (docs/REFERENCE.md#r1-preprocessing), step for
/// step and quirk for quirk, so that its outputs are byte-identical to the authors' script's. <see cref="Run"/> reads
/// as the list of steps below, each a method named after what the script does; the sessions live in a
/// <see cref="SessionClickTable"/> that the steps shorten in place.
/// </summary>
/// <remarks>
/// Steps: (1) group clicks by session in file order; a session's date is that of its last row in file order;
/// (2) Diginetica only: stable-sort each session by <c>timeframe</c>; (3) drop one-click sessions; (4) count item
/// clicks once over what is left and remove clicks on items with fewer than 5, then sessions with fewer than 2 clicks
/// (one pass, counts are not recomputed); (5) split at maxdate - 7 days (Diginetica) or - 1 day (Yoochoose): train
/// before, test after, sessions dated exactly on the split dropped; both stable-sorted by date; (6) number items
/// 1..n by first appearance in the date-sorted train sessions; (7) remove test clicks on items unseen in train, drop
/// test sessions left with fewer than 2 clicks; (8) augment every session [v1..vk] into ([v1..vk-1] -> vk), ...,
/// ([v1] -> v2); (9) Yoochoose: the train fractions 1/64 and 1/4 are the last floor(E/64) and floor(E/4) of the E
/// augmented train examples (Python's <c>x[-0:]</c> being the whole list, a fraction of 0 examples gives all of them),
/// with the full item table and the shared test set.
/// </remarks>
public static class ReferencePreprocessor
{
    /// <summary>Items with fewer clicks than this are removed (step 4).</summary>
    public const int MinItemSupport = 5;

    /// <summary>The Yoochoose train fractions written, as (folder, denominator).</summary>
    public static readonly IReadOnlyList<(string Folder, int Denominator)> YoochooseFractions = [("yoochoose1_64", 64), ("yoochoose1_4", 4)];

    /// <summary>Preprocesses a click log: one dataset for Diginetica, one per fraction for Yoochoose.</summary>
    /// <param name="log">The click log (<c>stats.json</c> records its file name as the input).</param>
    public static IReadOnlyList<PreprocessedDataset> Run(ClickLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var digi = log.Layout == ClickLogLayout.Diginetica;
        var steps = new List<StepCount> { new("read", log.Clicks, log.Sessions) };

        var table = SessionClickTable.Group(log);                                        // step 1
        if (digi) table.SortEachSessionByTimeframe();                                    // step 2
        DropOneClickSessions(table);                                                     // step 3
        steps.Add(table.Tally("drop one-click sessions"));
        DropRareItems(table, log.Items);                                                 // step 4
        steps.Add(table.Tally($"drop items with < {MinItemSupport} clicks, then sessions with < 2"));
        if (steps[^1].Sessions == 0)
            throw new InvalidDataException($"{log.File}: no session is left after filtering (every session has fewer than 2 clicks on items with {MinItemSupport}+ clicks).");

        var (train, splitTest, maxDate, splitDate) = SplitByDate(table, log.SessionTimes, digi ? 7 : 1); // step 5
        steps.Add(new("train: sessions before the split date", table.ClickCount(train), train.Length));
        steps.Add(new("test: sessions after the split date", table.ClickCount(splitTest), splitTest.Length));
        if (train.Length == 0)
            throw new InvalidDataException($"{log.File}: no train session: every session left is dated on or after the split date {ClickDates.Format(splitDate, digi)}.");

        var (catalog, newId) = NumberItems(table, train, log);                           // step 6
        var test = RemoveItemsUnseenInTrain(table, splitTest, newId);                    // step 7
        steps.Add(new("test: drop items unseen in train, then sessions with < 2", table.ClickCount(test), test.Length));

        // Average length, the reference's formula: all clicks of train and test sessions over their number.
        var averageLength = (table.ClickCount(train) + table.ClickCount(test)) / (double)(train.Length + test.Length);
        var testSet = table.Augment(test, 0, 0);                                         // step 8
        var totalTrainExamples = 0L;
        foreach (var s in train) totalTrainExamples += table.Length[s] - 1;
        var input = Path.GetFileName(log.File);
        var maxText = ClickDates.Format(maxDate, digi);
        var splitText = ClickDates.Format(splitDate, digi);
        var skippedRows = log.SkippedRowCount;

        PreprocessStats Stats(string dataset, string? fraction, IReadOnlyList<StepCount> stepList, int trainSessionCount, SessionDataset trainSet) =>
            new(dataset, fraction, input, stepList, skippedRows, maxText, splitText, trainSessionCount, test.Length,
                trainSet.Count, testSet.Count, catalog.Count, DistinctItems(trainSet), averageLength,
                trainSet.MaxPrefixLength, testSet.MaxPrefixLength)
            {
                TrainExamplesBeforeFraction = fraction is null ? null : totalTrainExamples,
                SkippedRowsByReason = [.. log.Skipped],
            };

        if (digi)
        {
            var trainSet = table.Augment(train, 0, 0);
            return [new PreprocessedDataset("", trainSet, testSet, catalog, Stats("diginetica", null, steps, train.Length, trainSet))];
        }

        var result = new List<PreprocessedDataset>();
        foreach (var (folder, denominator) in YoochooseFractions)                        // step 9
        {
            var (trainSet, first, take) = LastFraction(table, train, totalTrainExamples, denominator);
            var fractionSessions = train.Length - first;
            var fractionSteps = new List<StepCount>(steps)
            {
                new($"train fraction 1/{denominator}: the last {take} of {totalTrainExamples} examples",
                    table.ClickCount(train.AsSpan(first)), fractionSessions),
            };
            result.Add(new PreprocessedDataset(folder, trainSet, testSet, catalog,
                Stats("yoochoose", $"1/{denominator}", fractionSteps, fractionSessions, trainSet)));
        }
        return result;
    }

    /// <summary>Step 3: drops the sessions with exactly one click.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DropOneClickSessions(SessionClickTable table)
    {
        for (var s = 0; s < table.Count; s++)
        {
            if (table.Length[s] == 1) table.Length[s] = 0; // 0 = dropped
        }
    }

    /// <summary>Step 4: counts every item's clicks once over the sessions left, removes the clicks on items with fewer
    /// than <see cref="MinItemSupport"/>, then drops the sessions left with fewer than 2 clicks (one pass: the counts
    /// are not recomputed after the drop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once: skip the slow tier-0 code
    private static void DropRareItems(SessionClickTable table, int itemCount)
    {
        var support = new int[itemCount];
        for (var s = 0; s < table.Count; s++)
        {
            foreach (var item in table.Clicks(s)) support[item]++;
        }
        for (var s = 0; s < table.Count; s++)
        {
            if (table.Length[s] == 0) continue;
            var seq = table.Clicks(s);
            var kept = 0;
            foreach (var item in seq)
            {
                if (support[item] >= MinItemSupport) seq[kept++] = item;
            }
            table.Length[s] = kept >= 2 ? kept : 0;
        }
    }

    /// <summary>Step 5: maxdate = the latest date of a session left, splitdate = maxdate - <paramref name="days"/> days;
    /// train = the sessions dated before it, test = those dated after it, both stable-sorted by date; the sessions
    /// dated exactly on it are dropped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Train, int[] Test, long MaxDate, long SplitDate) SplitByDate(SessionClickTable table, long[] times, int days)
    {
        var maxDate = long.MinValue;
        for (var s = 0; s < table.Count; s++)
        {
            if (table.Length[s] > 0 && times[s] > maxDate) maxDate = times[s];
        }
        var splitDate = maxDate - 86400L * days;
        var trainSessions = new List<int>();
        var testSessions = new List<int>();
        for (var s = 0; s < table.Count; s++)
        {
            if (table.Length[s] == 0) continue;
            if (times[s] < splitDate) trainSessions.Add(s);
            else if (times[s] > splitDate) testSessions.Add(s);
        }
        return (StableSortByDate(trainSessions, times), StableSortByDate(testSessions, times), maxDate, splitDate);
    }

    /// <summary>Step 6: numbers the items 1..n by first appearance in the date-sorted train sessions and rewrites the
    /// train sessions in the new ids. Returns the catalog and the new id of every log item index (0: not in train).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ItemCatalog Catalog, int[] NewId) NumberItems(SessionClickTable table, int[] train, ClickLog log)
    {
        var newId = new int[log.Items];
        var originals = new List<string>();
        foreach (var s in train)
        {
            foreach (var item in table.Clicks(s))
            {
                if (newId[item] == 0)
                {
                    originals.Add(log.ItemIds[item]);
                    newId[item] = originals.Count;
                }
            }
        }
        // Rewrite train sessions in new ids (in place: a click's slot is only read once).
        foreach (var s in train)
        {
            var seq = table.Clicks(s);
            for (var p = 0; p < seq.Length; p++) seq[p] = newId[seq[p]];
        }
        return (new ItemCatalog(originals), newId);
    }

    /// <summary>Step 7: rewrites the test sessions in the new ids, removing the clicks on items unseen in train, and
    /// keeps the sessions left with at least 2 clicks (in order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] RemoveItemsUnseenInTrain(SessionClickTable table, int[] test, int[] newId)
    {
        var kept = new List<int>(test.Length);
        foreach (var s in test)
        {
            var seq = table.Clicks(s);
            var length = 0;
            foreach (var item in seq)
            {
                if (newId[item] != 0) seq[length++] = newId[item];
            }
            table.Length[s] = length;
            if (length >= 2) kept.Add(s);
        }
        return [.. kept];
    }

    /// <summary>Step 9 (Yoochoose): the train fraction 1/<paramref name="denominator"/>, the last floor(E / d) of the E
    /// augmented train examples (Python's <c>tr_seqs[-0:]</c> being the whole list, a fraction of 0 examples is all of
    /// them). Returns the examples, the first train session that contributes, and how many examples were taken.</summary>
    private static (SessionDataset Train, int FirstSession, long Take) LastFraction(SessionClickTable table, int[] train,
        long totalTrainExamples, int denominator)
    {
        var take = totalTrainExamples / denominator;
        if (take == 0) take = totalTrainExamples; // Python: tr_seqs[-0:] is the whole list
        var skip = totalTrainExamples - take;
        // Find the first session that contributes, and how many of its examples fall before the cut.
        var first = 0;
        while (skip >= table.Length[train[first]] - 1)
        {
            skip -= table.Length[train[first]] - 1;
            first++;
        }
        return (table.Augment(train, first, (int)skip), first, take);
    }

    /// <summary>Sessions sorted by date, ties in first-seen order (the session index order of <paramref name="sessions"/>).</summary>
    private static int[] StableSortByDate(List<int> sessions, long[] times)
    {
        var result = sessions.ToArray();
        if (result.Length < 2) return result;
        long min = long.MaxValue, max = long.MinValue;
        foreach (var s in result)
        {
            min = Math.Min(min, times[s]);
            max = Math.Max(max, times[s]);
        }
        long span = (long)(uint)result.Length;
        if (max - min >= 0 && max - min < long.MaxValue / span - 1)
        {
            // One composite key (date, rank) per session: an unstable sort on unique keys is a stable sort by date.
            var keys = new long[result.Length];
            for (var r = 0; r < result.Length; r++) keys[r] = (times[result[r]] - min) * span + r;
            Array.Sort(keys, result);
            return result;
        }
        return [.. result.Select((s, r) => (s, r)).OrderBy(p => times[p.s]).ThenBy(p => p.r).Select(p => p.s)];
    }

    private static int DistinctItems(SessionDataset set)
    {
        var seen = new bool[set.MaxItemId + 1];
        var count = 0;
        foreach (var i in set.PrefixItems)
        {
            if (!seen[i]) { seen[i] = true; count++; }
        }
        foreach (var i in set.Targets)
        {
            if (!seen[i]) { seen[i] = true; count++; }
        }
        return count;
    }
}
