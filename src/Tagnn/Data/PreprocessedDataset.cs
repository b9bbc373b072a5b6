namespace Tagnn.Data;

/// <summary>One preprocessed dataset (Diginetica, or one Yoochoose fraction) before it is saved.</summary>
/// <param name="SubFolder">Where it goes under the output folder: "" for Diginetica, <c>yoochoose1_64</c> or
/// <c>yoochoose1_4</c> for the Yoochoose fractions.</param>
/// <param name="Train">Training examples, reference order.</param>
/// <param name="Test">Test examples, reference order.</param>
/// <param name="Items">The item table (ids 1..n and original ids).</param>
/// <param name="Stats">The statistics (<c>stats.json</c>).</param>
public sealed record PreprocessedDataset(string SubFolder, SessionDataset Train, SessionDataset Test, ItemCatalog Items, PreprocessStats Stats)
{
    /// <summary>Writes <c>train.tsv</c>, <c>test.tsv</c>, <c>items.tsv</c> and <c>stats.json</c> (each atomically) into
    /// <paramref name="outputRoot"/>/<see cref="SubFolder"/> and returns the folder as a <see cref="PreparedDataset"/>.</summary>
    public PreparedDataset Save(string outputRoot)
    {
        var dir = Path.GetFullPath(SubFolder.Length == 0 ? outputRoot : Path.Combine(outputRoot, SubFolder));
        var prepared = new PreparedDataset(dir, Train, Test, Items, Stats);
        prepared.Save(dir);
        return prepared;
    }
}
