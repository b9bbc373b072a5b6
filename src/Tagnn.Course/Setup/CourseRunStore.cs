using System.Diagnostics;
using System.Globalization;
using Tagnn.IO;
using Tagnn.Training;

namespace Tagnn.Course;

/// <summary>
/// Where course runs are found and how they are made: the runs shipped with the repository first
/// (<see cref="CourseModels.ShippedRelativePath"/>: run files without Adam's state, best weights only where a notebook
/// loads the model), then the local cache (<see cref="CourseModels.CacheRelativePath"/>: complete run folders), then
/// training into the cache. In rebuild mode (<see cref="CourseModels.ModeVariable"/> = <c>rebuild</c>, set by
/// <c>tagnn notebooks run --course-runs rebuild</c>) every run asked for is trained afresh and its light copy written
/// into the shipped folder, once per rebuild session.
/// </summary>
internal static class CourseRunStore
{
    /// <summary>The prepared sample as config.json of a shipped run records it (relative to the repository root).</summary>
    private const string ShippedDataPath = "data/sample/prepared";

    /// <summary>The run of <paramref name="request"/>; <paramref name="produce"/> trains it into the (empty, temporary)
    /// folder it is given when no usable run exists.</summary>
    public static RunFolder Get(CourseRunRequest request, bool weights, Action<string> produce)
    {
        var name = request.FolderName;
        var shipped = Path.Combine(CourseModels.ShippedDirectory, name);
        var cached = Path.Combine(CourseModels.CacheDirectory, name);
        var mode = CourseModels.Mode;
        if (mode == CourseRunsMode.Use)
        {
            if (Usable(shipped, request, weights)) return RunFolder.Open(shipped);
            if (!Usable(cached, request, weights: true)) Train(cached, produce);
            return RunFolder.Open(cached);
        }

        if (Course.Smoke)
            throw new InvalidOperationException($"{CourseModels.ModeVariable}={mode.ToString().ToLowerInvariant()} writes the shipped course runs, " +
                $"which are full-mode runs: unset {Course.SmokeVariable}.");
        Log(name);
        if (Usable(shipped, request, weights) && CourseRunManifest.Read(shipped) is { } current
            && (mode == CourseRunsMode.Missing || current.Generated >= RebuildSince))
        {
            AddNotebook(shipped, current);
            return RunFolder.Open(shipped);
        }
        // Rebuild trains afresh; Missing ships a complete run of the same key from the cache when there is one (the key
        // holds everything that determines the run), and trains otherwise.
        if (mode == CourseRunsMode.Rebuild && Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        if (!Usable(cached, request, weights: true)) Train(cached, produce);
        Ship(RunFolder.Open(cached), shipped, request, weights);
        return RunFolder.Open(shipped);
    }

    // Records that the session asked for the run (tagnn notebooks run deletes the shipped runs no notebook asked for).
    private static void Log(string name)
    {
        if (Environment.GetEnvironmentVariable(CourseModels.LogVariable) is not { Length: > 0 } path) return;
        Paths.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.AppendAllText(path, $"{name}\t{CurrentNotebook}\n");
    }

    /// <summary>Whether <paramref name="directory"/> holds a finished run of <paramref name="request"/>'s kind (with its
    /// best weights when <paramref name="weights"/>).</summary>
    public static bool Usable(string directory, CourseRunRequest request, bool weights)
    {
        var done = request.Kind == CourseRunKind.SelectionStudy ? SelectionStudy.ResultFile : RunFolder.SummaryFile;
        return File.Exists(Path.Combine(directory, done))
            && (!weights || File.Exists(Path.Combine(directory, RunFolder.CheckpointsFolder, RunFolder.BestCheckpointFile)));
    }

    /// <summary>When the current rebuild session started (<see cref="CourseModels.RebuildSinceVariable"/>, else this
    /// process's start): shipped runs generated since then are this session's and are not trained again.</summary>
    private static DateTimeOffset RebuildSince =>
        Environment.GetEnvironmentVariable(CourseModels.RebuildSinceVariable) is { Length: > 0 } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);

    private static string CurrentNotebook =>
        Environment.GetEnvironmentVariable(CourseModels.NotebookVariable) is { Length: > 0 } name ? name : "(not run by tagnn notebooks run)";

    // Trains into a temporary sibling, renamed when complete: an interrupted training never leaves a half run.
    private static void Train(string directory, Action<string> produce)
    {
        var temp = $"{directory}.{Environment.ProcessId}.tmp";
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        Paths.CreateDirectory(Path.GetDirectoryName(directory)!);
        try
        {
            produce(temp);
            if (Directory.Exists(directory)) Directory.Delete(temp, recursive: true); // another kernel finished first
            else Directory.Move(temp, directory);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>
    /// Writes the light copy of a complete run into <paramref name="shipped"/>: its text files (config.json with the data
    /// path made relative, metrics.jsonl, summary.json and any result file), the selected epoch's weights without Adam's
    /// state when <paramref name="weights"/>, and <c>course-run.json</c>.
    /// </summary>
    private static void Ship(RunFolder run, string shipped, CourseRunRequest request, bool weights)
    {
        if (Directory.Exists(shipped)) Directory.Delete(shipped, recursive: true);
        AtomicFolder.Write(shipped, folder =>
        {
            foreach (var file in Directory.EnumerateFiles(run.Directory))
            {
                var fileName = Path.GetFileName(file);
                if (fileName == RunFolder.ConfigFile)
                    File.WriteAllText(Path.Combine(folder, fileName), Relative(run.ReadConfig(), request).ToJson() + "\n");
                else File.Copy(file, Path.Combine(folder, fileName));
            }
            if (weights)
            {
                var checkpoints = Path.Combine(folder, RunFolder.CheckpointsFolder);
                Directory.CreateDirectory(checkpoints);
                CourseCheckpoints.WriteWeightsOnly(run.BestCheckpointPath, Path.Combine(checkpoints, RunFolder.BestCheckpointFile),
                    config => Relative(config, request));
            }
            new CourseRunManifest
            {
                Version = CourseModels.Version,
                Key = request.Key,
                Kind = CourseRunManifest.KindName(request.Kind),
                Model = request.Model.Describe(),
                Baselines = request.Baselines,
                Weights = weights,
                Generated = DateTimeOffset.UtcNow,
                Notebooks = [CurrentNotebook],
            }.Write(folder);
        });
    }

    private static RunConfig Relative(RunConfig config, CourseRunRequest request) => config with
    {
        Name = request.FolderName,
        Data = config.Data with { Path = ShippedDataPath },
    };

    private static void AddNotebook(string shipped, CourseRunManifest manifest)
    {
        if (manifest.Notebooks.Contains(CurrentNotebook)) return;
        (manifest with { Notebooks = [.. manifest.Notebooks, CurrentNotebook] }).Write(shipped);
    }
}
