using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tagnn.Data;
using Tagnn.Model;
using Tagnn.Training;
using TorchSharp;

namespace Tagnn.Course;

/// <summary>
/// Models trained on the bundled sample for the notebooks, cached as ordinary run folders under
/// <c>artifacts/course-models/</c>, so that several notebooks can study the same trained TAGNN without each paying
/// for its training. This cache is the only state notebooks share, and it is a file the library writes: a notebook
/// that finds no cached run trains it (the same seed gives the same model), so every notebook runs on its own.
/// </summary>
/// <remarks>
/// A cached run is reused only when everything that determines it is the same: the model configuration, the
/// training options (smoke mode uses other options, hence another run), the sample's prepared files and the build of
/// the core library Tagnn.dll, which trains the models (its module version id; a deterministic build of the same
/// sources gives the same id; changing a plot in Tagnn.Course does not retrain anything). Anything else
/// trains a new run. Runs are trained into a temporary folder and renamed when complete, so an interrupted training
/// never leaves a half run that a later notebook would pick up. Delete the folder to clear the cache.
/// </remarks>
public static class CourseModels
{
    /// <summary>The cache folder, relative to the repository root.</summary>
    public const string CacheRelativePath = "artifacts/course-models";

    /// <summary>The training options the course uses: the reference's (batch 100, Adam 1e-3, ...), 2 epochs (the
    /// schedule's first phase) in full mode; in smoke mode 1 epoch on 3,000 train and 1,000 test examples.</summary>
    public static TrainingOptions DefaultOptions => Course.Smoke
        ? new TrainingOptions { Epochs = 1, MaxTrainExamples = 3_000, MaxTestExamples = 1_000 }
        : new TrainingOptions { Epochs = 2 };

    /// <summary>
    /// Returns the run folder of <paramref name="model"/> trained on the bundled sample with
    /// <paramref name="options"/>, training it first unless an identical run is cached.
    /// </summary>
    /// <param name="model">The model (default: TAGNN with the reference's settings).</param>
    /// <param name="options">Training options (default: <see cref="DefaultOptions"/>).</param>
    /// <param name="progress">Receives training progress when a run is trained (for a live display).</param>
    /// <param name="baselines">Also evaluate POP and SKNN on the same test set (in the run's summary.json).</param>
    public static RunFolder Trained(ModelConfig? model = null, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, bool baselines = true)
    {
        options ??= DefaultOptions;
        var data = TrainingData.Load(SampleData.PreparedPath, options);
        model ??= ModelConfig.ForTagnn(data.ItemTableSize);
        var directory = Path.Combine(Course.RepoRoot, CacheRelativePath, $"{Slug(model)}-{Key(model, options, baselines)}");
        if (File.Exists(Path.Combine(directory, RunFolder.SummaryFile))) return RunFolder.Open(directory);

        var temp = $"{directory}.{Environment.ProcessId}.tmp";
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        var config = new RunConfig
        {
            Model = model,
            Training = options,
            Data = RunData.Describe(data),
            Command = $"{nameof(CourseModels)}.{nameof(Trained)} (notebook cache)",
        };
        try
        {
            using (var run = TrainingRun.Start(temp, config, data, Course.Device))
                run.Run(progress, sknn: baselines);
            if (Directory.Exists(directory)) Directory.Delete(temp, recursive: true); // another kernel finished first
            else Directory.Move(temp, directory);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        return RunFolder.Open(directory);
    }

    private static string Slug(ModelConfig model)
    {
        var slug = System.Text.RegularExpressions.Regex.Replace(model.Describe().ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }

    private static string Key(ModelConfig model, TrainingOptions options, bool baselines)
    {
        var text = new StringBuilder()
            .AppendLine(JsonSerializer.Serialize(model))
            .AppendLine(JsonSerializer.Serialize(options))
            .AppendLine(baselines.ToString())
            .AppendLine(typeof(TrainingRun).Assembly.ManifestModule.ModuleVersionId.ToString())
            .AppendLine(torch.__version__);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        foreach (var file in new[] { PreparedDataset.TrainFile, PreparedDataset.TestFile, PreparedDataset.ItemsFile })
            hash.AppendData(File.ReadAllBytes(Path.Combine(SampleData.PreparedPath, file)));
        return Convert.ToHexString(hash.GetHashAndReset())[..12].ToLowerInvariant();
    }
}
