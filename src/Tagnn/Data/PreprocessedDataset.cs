using Tagnn.IO;

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
    /// <summary>Writes <c>train.tsv</c>, <c>test.tsv</c>, <c>items.tsv</c> and <c>stats.json</c> into
    /// <paramref name="outputRoot"/>/<see cref="SubFolder"/>, all or nothing, and returns the folder as a
    /// <see cref="PreparedDataset"/>.</summary>
    public PreparedDataset Save(string outputRoot)
    {
        var prepared = At(outputRoot);
        prepared.Save(prepared.Directory);
        return prepared;
    }

    /// <summary>
    /// Writes every dataset of one preprocessing run (Diginetica's one, or Yoochoose's two fractions) under
    /// <paramref name="outputRoot"/> as one all-or-nothing write (<see cref="AtomicFolder"/>): a failed or interrupted
    /// run leaves no new file under <paramref name="outputRoot"/>, not even the fractions finished before the failure.
    /// </summary>
    /// <param name="results">What <see cref="ReferencePreprocessor.Run"/> returned.</param>
    /// <param name="outputRoot">The output folder.</param>
    /// <param name="written">Called after each dataset's files are written (into the temporary folder), for progress.</param>
    /// <returns>The prepared folders, at their final places.</returns>
    public static IReadOnlyList<PreparedDataset> SaveAll(IReadOnlyList<PreprocessedDataset> results, string outputRoot,
        Action<PreprocessedDataset>? written = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        AtomicFolder.Write(outputRoot, temp =>
        {
            foreach (var r in results)
            {
                var prepared = r.At(temp);
                prepared.WriteFiles(prepared.Directory);
                written?.Invoke(r);
            }
        });
        return [.. results.Select(r => r.At(outputRoot))];
    }

    /// <summary>This dataset as the prepared folder it is (or will be) in: <paramref name="outputRoot"/>/<see cref="SubFolder"/>.</summary>
    private PreparedDataset At(string outputRoot) =>
        new(Path.GetFullPath(SubFolder.Length == 0 ? outputRoot : Path.Combine(outputRoot, SubFolder)), Train, Test, Items, Stats);
}
