namespace Tagnn.Experiments;

/// <summary>
/// The output folder of a table: <c>table1.csv</c>, <c>table1.md</c> and <c>table1.json</c>, the run folder of every
/// trained model and seed under <c>runs/</c>, and every baseline result under <c>baselines/</c>. Every file is
/// written atomically.
/// </summary>
/// <param name="Directory">The folder (absolute).</param>
public sealed record Table1Folder(string Directory)
{
    /// <summary>File and folder names.</summary>
    public const string CsvFile = "table1.csv", MarkdownFile = "table1.md", JsonFile = "table1.json", RunsFolder = "runs", BaselinesFolder = "baselines";

    /// <summary>The folder of <paramref name="directory"/> (made absolute).</summary>
    public static Table1Folder At(string directory) => new(Path.GetFullPath(directory));

    /// <summary><c>table1.csv</c>.</summary>
    public string CsvPath => Path.Combine(Directory, CsvFile);

    /// <summary><c>table1.md</c>.</summary>
    public string MarkdownPath => Path.Combine(Directory, MarkdownFile);

    /// <summary><c>table1.json</c>.</summary>
    public string JsonPath => Path.Combine(Directory, JsonFile);

    /// <summary>The run folder of a neural model and seed, relative to <see cref="Directory"/> (with '/').</summary>
    public static string RunName(string model, long seed) => $"{RunsFolder}/{model}-seed{seed}";

    /// <summary>The result file of a baseline (with its seed under the validation protocol), relative to
    /// <see cref="Directory"/> (with '/').</summary>
    public static string BaselineName(string model, long? seed) => $"{BaselinesFolder}/{model}{(seed is { } s ? $"-seed{s}" : "")}.json";

    /// <summary>A relative name of this folder as a full path.</summary>
    public string Full(string relative) => Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));
}
