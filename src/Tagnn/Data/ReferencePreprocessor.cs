using System.Runtime.CompilerServices;

namespace Tagnn.Data;

/// <summary>
/// The reference preprocessing of SR-GNN's <c>datasets/preprocess.py</c> (section 1 of the reference page), step for
/// step and quirk for quirk, so that its outputs are byte-identical to the authors' script's.
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
    /// <param name="log">The click log.</param>
    /// <param name="inputName">What <c>stats.json</c> records as the input (default: the log's file name).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once: skip the slow tier-0 code
    public static IReadOnlyList<PreprocessedDataset> Run(ClickLog log, string? inputName = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var digi = log.Layout == ClickLogLayout.Diginetica;
        var steps = new List<StepCount> { new("read", log.Clicks, log.Sessions) };

        // 1. Group clicks by session, file order (CSR: session s owns items[start[s]..start[s] + length[s]]).
        var sessionCount = log.Sessions;
        var start = new int[sessionCount + 1];
        foreach (var s in log.ClickSession) start[s + 1]++;
        for (var s = 0; s < sessionCount; s++) start[s + 1] += start[s];
        var items = new int[log.Clicks];
        var fill = start.AsSpan(0, sessionCount).ToArray();
        long[]? frames = digi ? new long[log.Clicks] : null;
        for (var c = 0; c < log.Clicks; c++)
        {
            var at = fill[log.ClickSession[c]]++;
            items[at] = log.ClickItem[c];
            if (frames is not null) frames[at] = log.Timeframes![c];
        }
        var length = new int[sessionCount];
        for (var s = 0; s < sessionCount; s++) length[s] = start[s + 1] - start[s];

        // 2. Diginetica: stable sort of each session's clicks by timeframe.
        if (frames is not null)
        {
            for (var s = 0; s < sessionCount; s++) StableSortByKey(frames.AsSpan(start[s], length[s]), items.AsSpan(start[s], length[s]));
        }

        // 3. Drop sessions with exactly one click.
        long clicks = 0, sessions = 0;
        for (var s = 0; s < sessionCount; s++)
        {
            if (length[s] == 1) length[s] = 0; // 0 = dropped
            if (length[s] > 0) { clicks += length[s]; sessions++; }
        }
        steps.Add(new("drop one-click sessions", clicks, sessions));

        // 4. Item support over what is left, one pass; then filter.
        var support = new int[log.Items];
        for (var s = 0; s < sessionCount; s++)
        {
            foreach (var item in items.AsSpan(start[s], length[s])) support[item]++;
        }
        clicks = sessions = 0;
        for (var s = 0; s < sessionCount; s++)
        {
            if (length[s] == 0) continue;
            var seq = items.AsSpan(start[s], length[s]);
            var kept = 0;
            foreach (var item in seq)
            {
                if (support[item] >= MinItemSupport) seq[kept++] = item;
            }
            length[s] = kept >= 2 ? kept : 0;
            if (length[s] > 0) { clicks += length[s]; sessions++; }
        }
        steps.Add(new($"drop items with < {MinItemSupport} clicks, then sessions with < 2", clicks, sessions));
        if (sessions == 0)
            throw new InvalidDataException($"{log.File}: no session is left after filtering (every session has fewer than 2 clicks on items with {MinItemSupport}+ clicks).");

        // 5. Split by date.
        var times = log.SessionTimes;
        var maxDate = long.MinValue;
        for (var s = 0; s < sessionCount; s++)
        {
            if (length[s] > 0 && times[s] > maxDate) maxDate = times[s];
        }
        var splitDate = maxDate - 86400L * (digi ? 7 : 1);
        var trainSessions = new List<int>();
        var testSessions = new List<int>();
        for (var s = 0; s < sessionCount; s++)
        {
            if (length[s] == 0) continue;
            if (times[s] < splitDate) trainSessions.Add(s);
            else if (times[s] > splitDate) testSessions.Add(s);
        }
        var train = StableSortByDate(trainSessions, times);
        var test = StableSortByDate(testSessions, times);
        steps.Add(new("train: sessions before the split date", SumLengths(train, length), train.Length));
        steps.Add(new("test: sessions after the split date", SumLengths(test, length), test.Length));
        if (train.Length == 0)
            throw new InvalidDataException($"{log.File}: no train session: every session left is dated on or after the split date {ClickDates.Format(splitDate, digi)}.");

        // 6. Number items by first appearance in the date-sorted train sessions.
        var newId = new int[log.Items];
        var originals = new List<string>();
        foreach (var s in train)
        {
            foreach (var item in items.AsSpan(start[s], length[s]))
            {
                if (newId[item] == 0)
                {
                    originals.Add(log.ItemIds[item]);
                    newId[item] = originals.Count;
                }
            }
        }
        var catalog = new ItemCatalog(originals);

        // Rewrite train sessions in new ids (in place: a click's slot is only read once).
        foreach (var s in train)
        {
            var seq = items.AsSpan(start[s], length[s]);
            for (var p = 0; p < seq.Length; p++) seq[p] = newId[seq[p]];
        }

        // 7. Test: remove unseen items, drop sessions with fewer than 2 clicks.
        var testKept = new List<int>(test.Length);
        foreach (var s in test)
        {
            var seq = items.AsSpan(start[s], length[s]);
            var kept = 0;
            foreach (var item in seq)
            {
                if (newId[item] != 0) seq[kept++] = newId[item];
            }
            length[s] = kept;
            if (kept >= 2) testKept.Add(s);
        }
        test = [.. testKept];
        steps.Add(new("test: drop items unseen in train, then sessions with < 2", SumLengths(test, length), test.Length));

        // Average length, the reference's formula: all clicks of train and test sessions over their number.
        var averageLength = (SumLengths(train, length) + SumLengths(test, length)) / (double)(train.Length + test.Length);

        // 8. Augment.
        var testSet = Augment(items, start, length, test, 0, 0);
        var totalTrainExamples = 0L;
        foreach (var s in train) totalTrainExamples += length[s] - 1;
        var input = inputName ?? Path.GetFileName(log.File);
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
            var trainSet = Augment(items, start, length, train, 0, 0);
            return [new PreprocessedDataset("", trainSet, testSet, catalog, Stats("diginetica", null, steps, train.Length, trainSet))];
        }

        // 9. Yoochoose fractions: the last floor(E / d) augmented train examples.
        var result = new List<PreprocessedDataset>();
        foreach (var (folder, denominator) in YoochooseFractions)
        {
            var take = totalTrainExamples / denominator;
            if (take == 0) take = totalTrainExamples; // Python: tr_seqs[-0:] is the whole list
            var skip = totalTrainExamples - take;
            // Find the first session that contributes, and how many of its examples fall before the cut.
            var first = 0;
            while (skip >= length[train[first]] - 1)
            {
                skip -= length[train[first]] - 1;
                first++;
            }
            var trainSet = Augment(items, start, length, train, first, (int)skip);
            var fractionSessions = train.Length - first;
            var fractionSteps = new List<StepCount>(steps)
            {
                new($"train fraction 1/{denominator}: the last {take} of {totalTrainExamples} examples",
                    SumLengths(train.AsSpan(first), length), fractionSessions),
            };
            result.Add(new PreprocessedDataset(folder, trainSet, testSet, catalog,
                Stats("yoochoose", $"1/{denominator}", fractionSteps, fractionSessions, trainSet)));
        }
        return result;
    }

    /// <summary>Examples of <paramref name="order"/>[<paramref name="from"/>..] in the reference order, leaving out the
    /// first <paramref name="skip"/> examples of the first session.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SessionDataset Augment(int[] items, int[] start, int[] length, int[] order, int from, int skip)
    {
        long examples = 0, prefixItems = 0;
        for (var k = from; k < order.Length; k++)
        {
            long n = length[order[k]];
            examples += n - 1;
            prefixItems += n * (n - 1) / 2;
        }
        // The skipped examples are the longest prefixes of the first session: lengths n-1, n-2, ..., n-skip.
        if (from < order.Length && skip > 0)
        {
            long n = length[order[from]];
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
            var seq = items.AsSpan(start[order[k]], length[order[k]]);
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

    private static long SumLengths(ReadOnlySpan<int> sessions, int[] length)
    {
        long sum = 0;
        foreach (var s in sessions) sum += length[s];
        return sum;
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
