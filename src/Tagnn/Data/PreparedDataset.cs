using Tagnn.IO;

namespace Tagnn.Data;

/// <summary>
/// A preprocessed dataset folder as <c>tagnn preprocess</c> writes it: <c>train.tsv</c>, <c>test.tsv</c>
/// (<see cref="ExamplesFile"/>), <c>items.tsv</c> (<see cref="ItemCatalog"/>) and <c>stats.json</c>
/// (<see cref="PreprocessStats"/>).
/// </summary>
/// <param name="Directory">The folder it was loaded from.</param>
/// <param name="Train">Training examples.</param>
/// <param name="Test">Test examples.</param>
/// <param name="Items">The item table (ids 1..n and their original ids).</param>
/// <param name="Stats">The preprocessing statistics.</param>
public sealed record PreparedDataset(string Directory, SessionDataset Train, SessionDataset Test, ItemCatalog Items, PreprocessStats Stats)
{
    /// <summary>File names inside a prepared folder.</summary>
    public const string TrainFile = "train.tsv", TestFile = "test.tsv", ItemsFile = "items.tsv", StatsFile = "stats.json";

    /// <summary>Number of rows of a model's item table: n + 1 (row 0 is padding).</summary>
    public int ItemTableSize => Items.Count + 1;

    /// <summary>Loads a prepared folder; a missing file is reported with the folder and what makes it.</summary>
    public static PreparedDataset Load(string directory)
    {
        var dir = Paths.RequireDirectory(directory, "a prepared dataset folder (tagnn preprocess)");
        foreach (var name in new[] { TrainFile, TestFile, ItemsFile, StatsFile })
        {
            if (!File.Exists(Path.Combine(dir, name)))
                throw new FileNotFoundException(
                    $"{dir} is not a prepared dataset: {name} is missing. Make one with `tagnn preprocess`.", Path.Combine(dir, name));
        }
        var items = ItemCatalog.Load(Path.Combine(dir, ItemsFile));
        var train = ExamplesFile.Read(Path.Combine(dir, TrainFile));
        var test = ExamplesFile.Read(Path.Combine(dir, TestFile));
        foreach (var (set, name) in new[] { (train, TrainFile), (test, TestFile) })
        {
            if (set.MaxItemId > items.Count)
                throw new InvalidDataException($"{Path.Combine(dir, name)}: item id {set.MaxItemId} is beyond the {items.Count} items of {ItemsFile}.");
        }
        return new PreparedDataset(dir, train, test, items, PreprocessStats.Load(Path.Combine(dir, StatsFile)));
    }

    /// <summary>Writes the four files into <paramref name="directory"/>, all or nothing (<see cref="AtomicFolder"/>:
    /// a failed or interrupted write leaves no new file there; other files of an existing folder stay).</summary>
    public void Save(string directory) => AtomicFolder.Write(directory, WriteFiles);

    /// <summary>Writes the four files into <paramref name="directory"/>, which is being assembled (no atomicity of its
    /// own: <see cref="Save"/> and <see cref="PreprocessedDataset.SaveAll"/> provide it).</summary>
    internal void WriteFiles(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        ExamplesFile.Write(Path.Combine(directory, TrainFile), Train);
        ExamplesFile.Write(Path.Combine(directory, TestFile), Test);
        Items.Save(Path.Combine(directory, ItemsFile));
        Stats.Save(Path.Combine(directory, StatsFile));
    }
}
