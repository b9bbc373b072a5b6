using Tagnn.IO;

namespace Tagnn.Data;

/// <summary>
/// Converts between a prepared folder (<c>train.tsv</c>, <c>test.tsv</c>, <c>items.tsv</c>, <c>stats.json</c>) and an
/// SR-GNN data folder (<c>train.txt</c>, <c>test.txt</c>: pickles of (prefixes, targets)).
/// </summary>
public static class PickleConversion
{
    /// <summary>SR-GNN's file names.</summary>
    public const string TrainPickle = "train.txt", TestPickle = "test.txt";

    /// <summary>Without an item count or catalog, the largest id may be at most the larger of this and
    /// <see cref="LargestIdFactor"/> times the number of distinct ids (<see cref="LargestIdAccepted"/>).</summary>
    public const int LargestIdFloor = 100_000;

    /// <summary>See <see cref="LargestIdFloor"/>.</summary>
    public const int LargestIdFactor = 10;

    /// <summary>
    /// Reads an SR-GNN folder into a prepared dataset. The pickles carry only renumbered ids: with no
    /// <paramref name="catalog"/>, <c>items.tsv</c> maps every id to itself, with n = <paramref name="items"/> or
    /// else the largest id seen; <c>stats.json</c> holds what the examples tell (counts, sessions recovered from the
    /// reference order, longest prefixes, the average length of the recovered sessions) and a note saying what is
    /// unknown (dates, step counts, original item ids).
    /// </summary>
    /// <exception cref="InvalidDataException">With neither <paramref name="catalog"/> nor <paramref name="items"/>, an
    /// item id far beyond the number of distinct ids (<see cref="LargestIdAccepted"/>): the item table would be mostly
    /// empty rows (a pickle with one id of 50,000,000 would give an 877 MB <c>items.tsv</c>). Nothing is written.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">It lacks train.txt or test.txt.</exception>
    public static PreparedDataset FromSrGnn(string folder, string outputFolder, ItemCatalog? catalog = null, int? items = null)
    {
        var full = Paths.RequireDirectory(folder, $"an SR-GNN folder holding {TrainPickle} and {TestPickle}");
        foreach (var name in new[] { TrainPickle, TestPickle })
        {
            if (!File.Exists(Path.Combine(full, name)))
                throw new FileNotFoundException($"{full} is not an SR-GNN folder: {name} is missing (it needs {TrainPickle} and {TestPickle}).", Path.Combine(full, name));
        }
        var train = ReadPickle(Path.Combine(folder, TrainPickle));
        var test = ReadPickle(Path.Combine(folder, TestPickle));
        if (catalog is null && items is null) RefuseIdsFarBeyondDistinct(folder, train, test);
        var maxId = Math.Max(train.MaxItemId, test.MaxItemId);
        if (catalog is not null && items is not null && catalog.Count != items)
            throw new ArgumentException($"the catalog has {catalog.Count} items but --items says {items}.");
        var n = catalog?.Count ?? items ?? maxId;
        if (n < maxId)
            throw new InvalidDataException($"{folder}: item id {maxId} occurs, but the item table would have only {n} items.");
        var identity = catalog is null;
        catalog ??= new ItemCatalog([.. Enumerable.Range(1, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var stats = new PreprocessStats(
            Dataset: "sr-gnn-pickle", Fraction: null, Input: $"{TrainPickle}, {TestPickle}", Steps: [], SkippedRows: 0,
            MaxDate: "unknown", SplitDate: "unknown",
            TrainSessions: train.SessionStarts().Count, TestSessions: test.SessionStarts().Count,
            TrainExamples: train.Count, TestExamples: test.Count, Items: n, ItemsInTrain: DistinctItems(train),
            AverageLength: AverageSessionLength(train, test),
            LongestTrainPrefix: train.MaxPrefixLength, LongestTestPrefix: test.MaxPrefixLength)
        {
            Note = "Converted from SR-GNN pickles, which carry no dates, no step counts and no original item ids. " +
                (identity ? "items.tsv maps every id to itself. " : "items.tsv is the catalog given. ") +
                "Sessions and the average length are recovered from the reference order (a new session starts after " +
                "every one-click prefix).",
        };
        var prepared = new PreparedDataset(Path.GetFullPath(outputFolder), train, test, catalog, stats);
        prepared.Save(outputFolder);
        return prepared;
    }

    /// <summary>Writes a prepared dataset's train and test examples as SR-GNN pickles (protocol 2), both or neither
    /// (<see cref="AtomicFolder"/>: a failed or interrupted write leaves no new file in <paramref name="outputFolder"/>).</summary>
    public static void ToSrGnn(PreparedDataset dataset, string outputFolder)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        AtomicFolder.Write(outputFolder, folder =>
        {
            WritePickle(Path.Combine(folder, TrainPickle), dataset.Train);
            WritePickle(Path.Combine(folder, TestPickle), dataset.Test);
        });
    }

    /// <summary>Reads one SR-GNN pickle (<c>train.txt</c> or <c>test.txt</c>) as a dataset.</summary>
    /// <exception cref="PickleException">Not a pickle of (list of int lists, list of ints), or an opcode outside the
    /// allowed set (see <see cref="SrGnnPickle"/>).</exception>
    public static SessionDataset ReadPickle(string path) => ToDataset(SrGnnPickle.Read(path));

    /// <summary>Writes <paramref name="dataset"/> as one SR-GNN pickle (protocol 2), atomically.</summary>
    public static void WritePickle(string path, SessionDataset dataset, bool overwrite = true) =>
        SrGnnPickle.Write(path, ToExamples(dataset), overwrite);

    /// <summary>The dataset of a pickle's examples (the arrays are taken over, not copied).</summary>
    public static SessionDataset ToDataset(SrGnnExamples examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return new SessionDataset(examples.PrefixItems, examples.Offsets, examples.Targets);
    }

    /// <summary>The examples of <paramref name="dataset"/> as a pickle holds them (copies of its arrays).</summary>
    public static SrGnnExamples ToExamples(SessionDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new SrGnnExamples(dataset.PrefixItems.ToArray(), dataset.Offsets.ToArray(), dataset.Targets.ToArray());
    }

    /// <summary>The largest item id accepted without an item count or catalog, for pickles with
    /// <paramref name="distinctIds"/> distinct ids: the larger of <see cref="LargestIdFloor"/> and
    /// <see cref="LargestIdFactor"/> x <paramref name="distinctIds"/>. Generous on purpose: a real Yoochoose 1/64 pickle's
    /// ids run to 37,483 for about 17,400 distinct items (the numbering is the full train split's, see
    /// <see cref="PublishedStatistics.AuthorsCode"/>), and a small cut of a real dataset's examples keeps ids up to the
    /// dataset's n (tens of thousands).</summary>
    public static long LargestIdAccepted(int distinctIds) => Math.Max(LargestIdFloor, (long)LargestIdFactor * distinctIds);

    private static void RefuseIdsFarBeyondDistinct(string folder, SessionDataset train, SessionDataset test)
    {
        var maxId = Math.Max(train.MaxItemId, test.MaxItemId);
        var distinct = DistinctItems(train, test);
        var limit = LargestIdAccepted(distinct);
        if (maxId <= limit) return;
        var file = Path.GetFullPath(Path.Combine(folder, train.MaxItemId >= test.MaxItemId ? TrainPickle : TestPickle));
        throw new InvalidDataException(
            $"{file}: item id {maxId} is far beyond the {distinct:N0} distinct item ids of {TrainPickle} and {TestPickle}: " +
            $"items.tsv and a model's item table would have {maxId:N0} rows, nearly all of them unused. SR-GNN pickles number " +
            $"items 1..n; without --items the largest id may be at most {limit:N0} (the larger of {LargestIdFloor:N0} and " +
            $"{LargestIdFactor} x the distinct ids). If the ids are right, give the item count with --items {maxId} " +
            "(or the item table with --catalog).");
    }

    private static int DistinctItems(params SessionDataset[] sets)
    {
        var seen = new HashSet<int>();
        foreach (var set in sets)
        {
            foreach (var i in set.PrefixItems) seen.Add(i);
            foreach (var i in set.Targets) seen.Add(i);
        }
        return seen.Count;
    }

    /// <summary>The reference formula over the sessions recovered from the examples: a session's first example is
    /// its longest prefix, so its length is that prefix + 1.</summary>
    private static double AverageSessionLength(SessionDataset train, SessionDataset test)
    {
        long clicks = 0, sessions = 0;
        foreach (var set in new[] { train, test })
        {
            foreach (var start in set.SessionStarts())
            {
                clicks += set.PrefixLength(start) + 1;
                sessions++;
            }
        }
        return sessions == 0 ? 0 : clicks / (double)sessions;
    }
}
