using System.Text;
using System.Text.Json;
using Tagnn.Evaluation;
using Tagnn.IO;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Training;

/// <summary>
/// A run folder (<c>runs/&lt;name&gt;/</c>): <c>config.json</c> (<see cref="RunConfig"/>), <c>metrics.jsonl</c>
/// (one line per epoch, <see cref="EpochResult.ToJsonObject"/>), <c>checkpoints/last.safetensors</c> (after every
/// epoch; resume from it), <c>checkpoints/best.safetensors</c> (the selected epoch) and <c>summary.json</c>
/// (<see cref="RunSummary"/>). Every file is written atomically. A new run never goes into an existing, non-empty
/// folder.
/// </summary>
public sealed class RunFolder
{
    /// <summary>File and folder names inside a run folder.</summary>
    public const string ConfigFile = "config.json", MetricsFile = "metrics.jsonl", SummaryFile = "summary.json",
        CheckpointsFolder = "checkpoints", LastCheckpointFile = "last.safetensors", BestCheckpointFile = "best.safetensors";

    private RunFolder(string directory) => Directory = directory;

    /// <summary>The folder (absolute).</summary>
    public string Directory { get; }

    /// <summary><c>config.json</c>.</summary>
    public string ConfigPath => Path.Combine(Directory, ConfigFile);

    /// <summary><c>metrics.jsonl</c>.</summary>
    public string MetricsPath => Path.Combine(Directory, MetricsFile);

    /// <summary><c>summary.json</c>.</summary>
    public string SummaryPath => Path.Combine(Directory, SummaryFile);

    /// <summary>The checkpoint written after every epoch.</summary>
    public string LastCheckpointPath => Path.Combine(Directory, CheckpointsFolder, LastCheckpointFile);

    /// <summary>The checkpoint of the selected epoch.</summary>
    public string BestCheckpointPath => Path.Combine(Directory, CheckpointsFolder, BestCheckpointFile);

    /// <summary>A default folder name under <paramref name="root"/>: <c>yyyyMMdd-HHmmss-&lt;model&gt;</c> (UTC), e.g.
    /// <c>20261206-120648-tagnn</c> (<see cref="ModelSpec.ShortName"/>).</summary>
    public static string DefaultDirectory(string root, ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Path.Combine(root, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{model.ShortName}");
    }

    /// <summary>Creates a run folder and writes its <c>config.json</c>.</summary>
    /// <exception cref="IOException">The folder exists and is not empty: an existing run is never overwritten.</exception>
    public static RunFolder Create(string directory, RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var full = Path.GetFullPath(directory);
        if (File.Exists(full)) throw new IOException($"{full} is a file, not a run folder.");
        if (System.IO.Directory.Exists(full) && System.IO.Directory.EnumerateFileSystemEntries(full).Any())
        {
            var existing = new RunFolder(full);
            throw new IOException(File.Exists(existing.ConfigPath) && !File.Exists(existing.LastCheckpointPath)
                ? $"{full} already exists and holds a run that never finished its first epoch (its process was killed?), so it " +
                  "cannot be resumed; a run folder is never overwritten: delete it, or choose another run name."
                : $"{full} already exists and is not empty; a run folder is never overwritten. " +
                  "Choose another run name, or continue that run with --resume.");
        }
        Paths.CreateDirectory(Path.Combine(full, CheckpointsFolder));
        var folder = new RunFolder(full);
        AtomicFile.WriteAllText(folder.ConfigPath, config.ToJson() + "\n", overwrite: false);
        return folder;
    }

    /// <summary>
    /// Removes this run folder when it holds no checkpoint, i.e. when its run failed or was stopped before its first
    /// epoch ended: this library's files in it (and their abandoned temporaries), the empty <c>checkpoints/</c> and the
    /// folder itself. Anything else in it is left alone, and then so is the folder.
    /// </summary>
    /// <returns>Whether the folder is gone.</returns>
    public bool RemoveIfNoCheckpoint()
    {
        if (File.Exists(LastCheckpointPath) || File.Exists(BestCheckpointPath)) return false;
        var checkpoints = Path.Combine(Directory, CheckpointsFolder);
        RemoveAbandonedTemporaries(); // this process's own were removed by the writes that failed
        foreach (var file in OwnFiles().Select(f => Path.Combine(f.Folder, f.Name)).Where(File.Exists)) File.Delete(file);
        if (System.IO.Directory.Exists(checkpoints) && !System.IO.Directory.EnumerateFileSystemEntries(checkpoints).Any())
            System.IO.Directory.Delete(checkpoints);
        if (System.IO.Directory.Exists(Directory) && !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
            System.IO.Directory.Delete(Directory);
        return !System.IO.Directory.Exists(Directory);
    }

    /// <summary>Deletes the temporaries that writes of this folder's files left when their process was killed
    /// (<c>checkpoints/.last.safetensors.PID.GUID.tmp</c>, <c>.config.json.PID.GUID.tmp</c>, ...; see
    /// <see cref="AtomicFile.RemoveAbandonedTemporaries"/>). A resumed run calls it.</summary>
    /// <returns>How many were deleted.</returns>
    public int RemoveAbandonedTemporaries() =>
        OwnFiles().Sum(f => AtomicFile.RemoveAbandonedTemporaries(Path.Combine(f.Folder, f.Name)));

    /// <summary>The files this library writes into a run folder: (folder, file name).</summary>
    private IEnumerable<(string Folder, string Name)> OwnFiles()
    {
        var checkpoints = Path.Combine(Directory, CheckpointsFolder);
        return [(Directory, ConfigFile), (Directory, MetricsFile), (Directory, SummaryFile),
            (checkpoints, LastCheckpointFile), (checkpoints, BestCheckpointFile)];
    }

    /// <summary>Opens an existing run folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="FileNotFoundException">It has no <c>config.json</c> (not a run folder).</exception>
    public static RunFolder Open(string directory)
    {
        var full = Paths.RequireDirectory(directory, "a run folder (tagnn train)");
        var folder = new RunFolder(full);
        if (!File.Exists(folder.ConfigPath))
            throw new FileNotFoundException($"{full} is not a run folder: {ConfigFile} is missing.", folder.ConfigPath);
        return folder;
    }

    /// <summary>Reads <c>config.json</c>.</summary>
    public RunConfig ReadConfig() => RunConfig.FromJson(File.ReadAllText(ConfigPath), ConfigPath);

    /// <summary>Rewrites <c>config.json</c> (atomically), e.g. to record a resumption.</summary>
    public void WriteConfig(RunConfig config) => AtomicFile.WriteAllText(ConfigPath, config.ToJson() + "\n");

    /// <summary>Writes <c>metrics.jsonl</c>: one line per epoch, in order (atomically, the whole file each time: a
    /// reader never sees a partial line).</summary>
    public void WriteMetrics(IEnumerable<EpochResult> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var text = new StringBuilder();
        foreach (var epoch in epochs) text.Append(JsonSerializer.Serialize(epoch.ToJsonObject(), RunJson.Compact)).Append('\n');
        AtomicFile.WriteAllText(MetricsPath, text.ToString());
    }

    /// <summary>Reads <c>metrics.jsonl</c> (empty when the run has no epoch yet).</summary>
    /// <exception cref="InvalidDataException">A line is not an epoch record; the message names the line.</exception>
    public IReadOnlyList<EpochResult> ReadMetrics()
    {
        if (!File.Exists(MetricsPath)) return [];
        var result = new List<EpochResult>();
        var number = 0;
        foreach (var line in File.ReadLines(MetricsPath))
        {
            number++;
            if (line.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                result.Add(EpochResult.FromJson(doc.RootElement));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                throw new InvalidDataException($"{MetricsPath}:{number}: {e.Message}", e);
            }
        }
        return result;
    }

    /// <summary>Writes <c>summary.json</c> (atomically).</summary>
    public void WriteSummary(RunSummary summary) =>
        AtomicFile.WriteAllText(SummaryPath, JsonSerializer.Serialize(summary, RunJson.Indented) + "\n");

    /// <summary>Reads <c>summary.json</c>, or null when the run has not finished.</summary>
    public RunSummary? ReadSummary()
    {
        if (!File.Exists(SummaryPath)) return null;
        try
        {
            return JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(SummaryPath), RunJson.Indented);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{SummaryPath}:{e.LineNumber + 1}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The checkpoint file named by <paramref name="which"/>: <c>best</c> (the selected epoch), <c>last</c> (the
    /// latest epoch) or a path.
    /// </summary>
    /// <exception cref="FileNotFoundException">The checkpoint does not exist (yet).</exception>
    public string CheckpointPath(string which = "best")
    {
        var path = which switch
        {
            "best" => BestCheckpointPath,
            "last" => LastCheckpointPath,
            _ => Path.GetFullPath(which),
        };
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist{(which is "best" or "last" ? " (has the run finished an epoch?)" : "")}.", path);
        return path;
    }

    /// <summary>The model of a checkpoint (<c>best</c>, <c>last</c> or a path) on <paramref name="device"/>, with
    /// what the checkpoint says about it (configuration, item map).</summary>
    public (SessionRecommender Model, CheckpointInfo Info) LoadModel(string which = "best", Device? device = null)
    {
        var path = CheckpointPath(which);
        var info = Checkpoint.ReadInfo(path);
        return (Checkpoint.LoadModel(path, device), info);
    }

    /// <summary>A <see cref="Recommender"/> for a checkpoint's model, with the run's item map and the test set's
    /// padding length (so the reference formulation scores sessions as it did in evaluation).</summary>
    public Recommender LoadRecommender(string which = "best", Device? device = null)
    {
        var (model, info) = LoadModel(which, device);
        return new Recommender(model, info.Items, info.Config.Data.TestPadLength);
    }
}
