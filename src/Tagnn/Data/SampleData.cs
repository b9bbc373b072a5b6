namespace Tagnn.Data;

/// <summary>
/// The bundled sample (<c>data/sample/</c>): a synthetic Diginetica-layout click log made by
/// <see cref="SyntheticClickLog"/> with <see cref="Options"/>, its ground truth, and its preprocessed form. It is the
/// default dataset of every command and notebook. Paths are found by walking up from the current folder (and then
/// from the application's folder) to the repository root, so they work from any sub-folder of a clone.
/// </summary>
public static class SampleData
{
    /// <summary>The sample click log, relative to the repository root.</summary>
    public const string LogRelativePath = "data/sample/train-item-views.csv";

    /// <summary>The sample's preprocessed folder, relative to the repository root.</summary>
    public const string PreparedRelativePath = "data/sample/prepared";

    /// <summary>The sample's item -> topic ground truth, relative to the repository root.</summary>
    public const string ItemTopicsRelativePath = "data/sample/item-topics.tsv";

    /// <summary>The sample's session -> topics ground truth, relative to the repository root.</summary>
    public const string SessionTopicsRelativePath = "data/sample/session-topics.tsv";

    /// <summary>The generator settings that made the sample (the seed is 2020, the year of the TAGNN paper).</summary>
    public static SyntheticClickLogOptions Options { get; } = new()
    {
        Layout = ClickLogLayout.Diginetica,
        Seed = 2020,
        Sessions = 20_000,
        Items = 1_600,
        Topics = 10,
        Days = 60,
    };

    /// <summary>The sample click log's full path.</summary>
    /// <exception cref="FileNotFoundException">Not inside a clone of the repository.</exception>
    public static string LogPath => Find(LogRelativePath);

    /// <summary>The sample's preprocessed folder.</summary>
    public static string PreparedPath => Find(PreparedRelativePath);

    /// <summary>Loads the sample's preprocessed folder.</summary>
    public static PreparedDataset LoadPrepared() => PreparedDataset.Load(PreparedPath);

    /// <summary>
    /// The ground-truth topic of every item of the sample's prepared folder, by renumbered item id: element i is the
    /// topic (1..T) of item i, element 0 (padding) is 0. Joins <c>prepared/items.tsv</c> with <c>item-topics.tsv</c>.
    /// </summary>
    public static int[] TopicByItemId()
    {
        var catalog = ItemCatalog.Load(Path.Combine(PreparedPath, PreparedDataset.ItemsFile));
        var topics = SyntheticClickLog.ReadItemTopics(Find(ItemTopicsRelativePath));
        var result = new int[catalog.Count + 1];
        for (var id = 1; id <= catalog.Count; id++) result[id] = topics[catalog.OriginalId(id)];
        return result;
    }

    /// <summary>The full path of <paramref name="relativePath"/> under the repository root, found by walking up from
    /// the current folder and then from the application's folder.</summary>
    /// <exception cref="FileNotFoundException">No such file or folder above either.</exception>
    public static string Find(string relativePath)
    {
        foreach (var origin in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException(
            $"{relativePath} was not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}. " +
            "Run from inside a clone of the repository, or give the path explicitly.", relativePath);
    }
}
