using System.Text.Json;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.IO;
using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

// Inside the namespace: from code in Tagnn.*, a plain `Course` would name the namespace Tagnn.Course, not the class.
using Tagnn.Course;

/// <summary>
/// The course runs: found by key in the shipped folder, then the cache, then trained; regenerated into the shipped
/// folder in rebuild mode as light copies (weights only where asked). Every test points both folders at a temporary
/// folder, so the repository's shipped runs are never touched.
/// </summary>
public sealed class CourseModelsTests : IDisposable
{
    private readonly CourseRepository.TempFolder root = CourseRepository.NewTempFolder();
    private readonly Dictionary<string, string?> saved = [];

    public CourseModelsTests()
    {
        Course.Setup(device: "cpu", threads: 1, quiet: true);
        CourseModels.ShippedDirectory = Path.Combine(root.Path, "shipped");
        CourseModels.CacheDirectory = Path.Combine(root.Path, "cache");
        foreach (var name in new[] { CourseModels.ModeVariable, CourseModels.RebuildSinceVariable, CourseModels.NotebookVariable,
                     CourseModels.LogVariable, Course.SmokeVariable })
        {
            saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
        CourseModels.ShippedDirectory = null!;
        CourseModels.CacheDirectory = null!;
        root.Dispose();
    }

    private static TrainingOptions Tiny => new() { Epochs = 1, MaxTrainExamples = 300, MaxTestExamples = 100, BatchSize = 50 };

    private static ModelConfig TinyModel => ModelConfig.ForTagnn(SampleData.LoadPrepared().ItemTableSize) with { HiddenSize = 8 };

    [Fact]
    public void Trains_once_into_the_cache_then_reuses_it_and_keys_it_by_everything_that_matters()
    {
        var first = CourseModels.Trained(TinyModel, Tiny, baselines: false);
        Assert.StartsWith(CourseModels.CacheDirectory, first.Directory);
        Assert.NotNull(first.ReadSummary());
        Assert.Contains("trained on this machine and cached", CourseModels.Source(first));
        var written = File.GetLastWriteTimeUtc(first.SummaryPath);

        var again = CourseModels.Trained(TinyModel, Tiny, baselines: false);
        Assert.Equal(first.Directory, again.Directory);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again.SummaryPath)); // reused, not retrained
        Assert.Empty(Directory.GetDirectories(CourseModels.CacheDirectory, "*.tmp"));

        var other = CourseModels.Trained(TinyModel, Tiny with { Seed = 7 }, baselines: false);
        Assert.NotEqual(first.Directory, other.Directory);
        Assert.False(Directory.Exists(CourseModels.ShippedDirectory)); // only a rebuild writes shipped runs
    }

    [Fact]
    public void The_key_covers_kind_model_options_baselines_and_version_but_not_the_build()
    {
        var request = new CourseRunRequest(CourseRunKind.Training, TinyModel, Tiny, Baselines: false);
        Assert.Equal(request.Key, (request with { }).Key);
        Assert.NotEqual(request.Key, (request with { Options = Tiny with { Seed = 7 } }).Key);
        Assert.NotEqual(request.Key, (request with { Model = TinyModel with { HiddenSize = 9 } }).Key);
        Assert.NotEqual(request.Key, (request with { Baselines = true }).Key);
        Assert.NotEqual(request.Key, (request with { Kind = CourseRunKind.SelectionStudy }).Key);
        Assert.Contains($"version {CourseModels.Version}", request.KeyText);
        Assert.DoesNotContain(typeof(TrainingRun).Assembly.ManifestModule.ModuleVersionId.ToString(), request.KeyText);
        Assert.Matches("^[a-z0-9-]+-[0-9a-f]{12}$", request.FolderName);
    }

    [Fact]
    public void A_rebuild_ships_a_light_copy_once_per_session_and_later_lookups_find_it_first()
    {
        Rebuild(notebook: "05-target-attention");
        var shipped = CourseModels.Trained(TinyModel, Tiny, baselines: false);
        Assert.StartsWith(CourseModels.ShippedDirectory, shipped.Directory);

        // The light copy: text files, the selected weights without Adam's state, the manifest.
        var files = Directory.EnumerateFiles(shipped.Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(shipped.Directory, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(["checkpoints/best.safetensors", "config.json", "course-run.json", "metrics.jsonl", "summary.json"], files);
        Assert.Equal("data/sample/prepared", shipped.ReadConfig().Data.Path);
        var tensors = Safetensors.ReadHeader(shipped.BestCheckpointPath).Entries.Select(e => e.Name).ToList();
        Assert.All(tensors, name => Assert.StartsWith("model.", name));
        var cached = Path.Combine(CourseModels.CacheDirectory, Path.GetFileName(shipped.Directory));
        Assert.True(new FileInfo(shipped.BestCheckpointPath).Length * 2 < new FileInfo(Path.Combine(cached, "checkpoints", "best.safetensors")).Length);
        var manifest = CourseRunManifest.Read(shipped.Directory)!;
        Assert.Equal(["05-target-attention"], manifest.Notebooks);
        Assert.True(manifest.Weights);

        // The shipped weights score the test set exactly as the summary recorded (same machine, same threads).
        var (model, _) = shipped.LoadModel("best");
        using (model)
        {
            var data = TrainingData.Load(SampleData.PreparedPath, Tiny);
            var report = ModelEvaluator.Evaluate(model, data.Test, data.Popularity, new EvaluationOptions(Tiny.BatchSize, Tiny.Padding));
            Assert.Equal(shipped.ReadSummary()!.Test.OrderBy(p => p.Key), report.ToDictionary().OrderBy(p => p.Key));
        }

        // Another notebook of the same session gets the same run without training, and is recorded.
        var written = File.GetLastWriteTimeUtc(shipped.SummaryPath);
        Environment.SetEnvironmentVariable(CourseModels.NotebookVariable, "10-attention-explorer");
        var again = CourseModels.Trained(TinyModel, Tiny, baselines: false);
        Assert.Equal(shipped.Directory, again.Directory);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again.SummaryPath));
        Assert.Equal(["05-target-attention", "10-attention-explorer"], CourseRunManifest.Read(shipped.Directory)!.Notebooks);

        // Outside rebuild mode the shipped run comes first, even with the cache gone.
        Environment.SetEnvironmentVariable(CourseModels.ModeVariable, null);
        Directory.Delete(cached, recursive: true);
        var used = CourseModels.Trained(TinyModel, Tiny, baselines: false);
        Assert.Equal(shipped.Directory, used.Directory);
        Assert.Contains("shipped with the repository", CourseModels.Source(used));
        Assert.Contains(CourseModels.RegenerateCommand, CourseModels.Source(used));
    }

    [Fact]
    public void A_run_shipped_without_weights_serves_metrics_and_a_caller_who_needs_weights_trains_them()
    {
        Rebuild(notebook: "09-ablations");
        var light = CourseModels.Trained(TinyModel, Tiny, baselines: false, weights: false);
        Assert.False(File.Exists(light.BestCheckpointPath));
        Assert.False(CourseRunManifest.Read(light.Directory)!.Weights);

        Environment.SetEnvironmentVariable(CourseModels.ModeVariable, null);
        Assert.Equal(light.Directory, CourseModels.Trained(TinyModel, Tiny, baselines: false, weights: false).Directory);
        var withWeights = CourseModels.Trained(TinyModel, Tiny, baselines: false, weights: true);
        Assert.StartsWith(CourseModels.CacheDirectory, withWeights.Directory);
        Assert.True(File.Exists(withWeights.BestCheckpointPath));
    }

    [Fact]
    public void Missing_mode_ships_only_what_is_not_shipped_from_the_cache_and_logs_every_request()
    {
        var cachedRun = CourseModels.Trained(TinyModel, Tiny, baselines: false);      // trained into the cache
        var trainedAt = File.GetLastWriteTimeUtc(cachedRun.SummaryPath);
        var log = Path.Combine(root.Path, "session.log");
        Environment.SetEnvironmentVariable(CourseModels.ModeVariable, "missing");
        Environment.SetEnvironmentVariable(CourseModels.NotebookVariable, "07-evaluation");
        Environment.SetEnvironmentVariable(CourseModels.LogVariable, log);

        var shipped = CourseModels.Trained(TinyModel, Tiny, baselines: false);
        Assert.StartsWith(CourseModels.ShippedDirectory, shipped.Directory);
        Assert.Equal(trainedAt, File.GetLastWriteTimeUtc(cachedRun.SummaryPath));          // shipped from the cache, not retrained
        Assert.Equal(cachedRun.ReadSummary()!.HitRate20, shipped.ReadSummary()!.HitRate20);
        var generated = CourseRunManifest.Read(shipped.Directory)!.Generated;

        Environment.SetEnvironmentVariable(CourseModels.NotebookVariable, "10-attention-explorer");
        Environment.SetEnvironmentVariable(CourseModels.RebuildSinceVariable, DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        var again = CourseModels.Trained(TinyModel, Tiny, baselines: false);                // shipped: used as it is
        Assert.Equal(shipped.Directory, again.Directory);
        var manifest = CourseRunManifest.Read(shipped.Directory)!;
        Assert.Equal(generated, manifest.Generated);
        Assert.Equal(["07-evaluation", "10-attention-explorer"], manifest.Notebooks);
        var name = Path.GetFileName(shipped.Directory);
        Assert.Equal([$"{name}\t07-evaluation", $"{name}\t10-attention-explorer"], File.ReadAllLines(log));
    }

    [Fact]
    public void A_rebuild_in_smoke_mode_is_refused_and_an_unknown_mode_is_named()
    {
        Rebuild(notebook: "07-evaluation");
        Environment.SetEnvironmentVariable(Course.SmokeVariable, "1");
        var smoke = Assert.Throws<InvalidOperationException>(() => CourseModels.Trained(TinyModel, Tiny, baselines: false));
        Assert.Contains("full-mode", smoke.Message);

        Environment.SetEnvironmentVariable(Course.SmokeVariable, null);
        Environment.SetEnvironmentVariable(CourseModels.ModeVariable, "rebiuld");
        var unknown = Assert.Throws<InvalidOperationException>(() => CourseModels.Trained(TinyModel, Tiny, baselines: false));
        Assert.Contains("TAGNN_COURSE_RUNS=rebiuld", unknown.Message);
    }

    [Fact]
    public void A_selection_study_is_a_course_run_and_reads_back_the_same()
    {
        var options = Tiny with { Protocol = SelectionProtocol.Validation, Epochs = 2, MaxTrainExamples = 600, Patience = 100 };
        var study = SelectionStudy.Run(options, TinyModel);
        Assert.NotNull(study.Folder);
        Assert.StartsWith(CourseModels.CacheDirectory, study.Folder!.Directory);
        Assert.Equal([0, 1], study.Epochs.Select(e => e.Epoch));
        var reread = SelectionStudy.Open(study.Folder);
        Assert.Equal(study.Epochs.Select(e => e.Test.ToDictionary()), reread.Epochs.Select(e => e.Test.ToDictionary()));
        Assert.Equal(study.ValidationEpoch, reread.ValidationEpoch);

        // The validation protocol's numbers are the run's own summary (the test set scored once at the chosen epoch).
        var summary = study.Folder.ReadSummary()!;
        Assert.Equal(summary.HitRate20, study.ValidationHitRate);
        Assert.Equal(summary.Mrr20, study.ValidationMrr);
        Assert.True(study.ReferenceHitRate >= study.ValidationHitRate);

        var seeds = SelectionStudy.RunSeeds(options, [2020, 7], TinyModel);
        Assert.Equal(study.Folder.Directory, seeds[0].Folder!.Directory);
        Assert.Equal([2020L, 7L], seeds.Select(s => s.Seed));
    }

    [Fact]
    public void The_cli_steers_the_course_runs_with_the_same_names()
    {
        Assert.Equal(CourseModels.ModeVariable, Tagnn.Cli.Notebooks.CourseRunVariables.Mode);
        Assert.Equal(CourseModels.RebuildSinceVariable, Tagnn.Cli.Notebooks.CourseRunVariables.Since);
        Assert.Equal(CourseModels.NotebookVariable, Tagnn.Cli.Notebooks.CourseRunVariables.Notebook);
        Assert.Equal(CourseModels.ShippedRelativePath, Tagnn.Cli.Notebooks.CourseRunVariables.ShippedRelativePath);
        Assert.Equal(CourseRunManifest.FileName, Tagnn.Cli.Notebooks.CourseRunVariables.ManifestFile);
        Assert.Equal(CourseModels.LogVariable, Tagnn.Cli.Notebooks.CourseRunVariables.Log);
        Assert.Contains("--course-runs rebuild", CourseModels.RegenerateCommand);
        var manifest = JsonSerializer.Serialize(new CourseRunManifest
        {
            Version = 1, Key = "k", Kind = "training", Model = "m", Baselines = false, Weights = false,
            Generated = DateTimeOffset.UnixEpoch, Notebooks = ["n"],
        }, RunJson.Indented);
        Assert.Contains("\"generated\"", manifest); // the field the CLI reads to prune runs
        Assert.Contains("\"notebooks\"", manifest);
    }

    private static void Rebuild(string notebook)
    {
        Environment.SetEnvironmentVariable(CourseModels.ModeVariable, "rebuild");
        Environment.SetEnvironmentVariable(CourseModels.RebuildSinceVariable, DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O"));
        Environment.SetEnvironmentVariable(CourseModels.NotebookVariable, notebook);
    }
}
