using Tagnn.Data;
using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Course;

/// <summary>
/// Models trained on the bundled sample for the notebooks, as ordinary run folders, so that notebooks study trained
/// models without waiting for them: the course's runs are shipped with the repository
/// (<see cref="ShippedRelativePath"/>), and one command regenerates them (<see cref="RegenerateCommand"/>).
/// </summary>
/// <remarks>
/// <para>A run is looked up by its key (<see cref="CourseRunRequest"/>): the model specification, the training options,
/// whether baselines were scored, the sample's prepared files and <see cref="Version"/>; NOT the build of the
/// libraries, so that a rebuild does not invalidate the shipped runs. Where it is looked for, in order:</para>
/// <list type="number">
/// <item>the shipped runs, <c>data/sample/course-runs/&lt;model&gt;-&lt;key&gt;/</c>: config.json, metrics.jsonl,
/// summary.json, course-run.json and, only for runs a notebook loads a model from, the selected epoch's weights
/// (<c>checkpoints/best.safetensors</c>, without Adam's state);</item>
/// <item>the local cache, <c>artifacts/course-models/&lt;model&gt;-&lt;key&gt;/</c>: complete run folders trained on
/// this machine (git-ignored; delete it to clear it);</item>
/// <item>otherwise the run is trained into the cache (same seed, same numbers on the same machine and thread count),
/// into a temporary folder renamed when complete.</item>
/// </list>
/// <para>With <see cref="ModeVariable"/> = <c>rebuild</c> (what <c>tagnn notebooks run --course-runs rebuild</c> sets)
/// every run asked for is trained afresh and written into the shipped folder, once per rebuild session; with
/// <c>missing</c> (<c>--course-runs missing</c>) only the runs not shipped yet are. The notebooks' own calls decide
/// which runs exist, so any code that goes through this class (notebook 09's
/// <see cref="AblationStudy"/>, notebook 07's <see cref="SelectionStudy"/>, ...) is served without changes.</para>
/// <para>Bump <see cref="Version"/> whenever what training computes changes (the core's trainer, model or evaluation,
/// or what a run folder holds), then regenerate; the test of the shipped runs fails until they match.</para>
/// </remarks>
public static class CourseModels
{
    /// <summary>The shipped runs, relative to the repository root.</summary>
    public const string ShippedRelativePath = "data/sample/course-runs";

    /// <summary>The local cache of complete run folders, relative to the repository root.</summary>
    public const string CacheRelativePath = "artifacts/course-models";

    /// <summary>Environment variable: unset (use shipped runs, then the cache, then train), <c>missing</c> (ship the
    /// runs asked for that are not shipped yet) or <c>rebuild</c> (train every run asked for afresh and ship it).</summary>
    public const string ModeVariable = "TAGNN_COURSE_RUNS";

    /// <summary>Environment variable: a file to which, in the <c>missing</c> and <c>rebuild</c> modes, every run asked
    /// for is appended (folder name and notebook), so that the course runner can delete the shipped runs that no
    /// notebook asks for any more.</summary>
    public const string LogVariable = "TAGNN_COURSE_RUNS_LOG";

    /// <summary>Environment variable: when the rebuild session started (ISO 8601, UTC); shipped runs generated since
    /// then are not trained again by later notebooks of the same session.</summary>
    public const string RebuildSinceVariable = "TAGNN_COURSE_RUNS_SINCE";

    /// <summary>Environment variable: the notebook being run (the course runner sets it), recorded in each shipped
    /// run's course-run.json.</summary>
    public const string NotebookVariable = "TAGNN_NOTEBOOK";

    /// <summary>The version of what a course run computes and holds: part of every key. Bump it when training changes
    /// (and regenerate the shipped runs).</summary>
    public const int Version = 2;

    /// <summary>The command that regenerates every shipped run (full mode, all notebooks).</summary>
    public const string RegenerateCommand = "dotnet run --project src/Tagnn.Cli -c Release -- notebooks run --course-runs rebuild";

    /// <summary>The training options the course's models use: the reference's (batch 100, Adam 1e-3 decayed by 0.1
    /// at the start of epoch 2, ...), 3 epochs in full mode (the schedule's first phase and the first epoch after the
    /// decay); in smoke mode 1 epoch on 3,000 train and 1,000 test examples.</summary>
    public static TrainingOptions DefaultOptions => Course.Smoke
        ? new TrainingOptions { Epochs = 1, MaxTrainExamples = 3_000, MaxTestExamples = 1_000 }
        : new TrainingOptions { Epochs = 3 };

    /// <summary>The shipped runs' folder (absolute). Tests point it elsewhere.</summary>
    internal static string ShippedDirectory
    {
        get => shippedDirectory ?? Path.Combine(Course.RepoRoot, ShippedRelativePath);
        set => shippedDirectory = value;
    }

    /// <summary>The cache folder (absolute). Tests point it elsewhere.</summary>
    internal static string CacheDirectory
    {
        get => cacheDirectory ?? Path.Combine(Course.RepoRoot, CacheRelativePath);
        set => cacheDirectory = value;
    }

    private static string? shippedDirectory, cacheDirectory;

    /// <summary>How runs are found (<see cref="ModeVariable"/>).</summary>
    /// <exception cref="InvalidOperationException">The variable holds something else than nothing, <c>use</c> or <c>rebuild</c>.</exception>
    internal static CourseRunsMode Mode => Environment.GetEnvironmentVariable(ModeVariable)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "use" => CourseRunsMode.Use,
        "missing" => CourseRunsMode.Missing,
        "rebuild" => CourseRunsMode.Rebuild,
        var other => throw new InvalidOperationException($"{ModeVariable}={other}: expected 'missing', 'rebuild' or nothing."),
    };

    /// <summary>
    /// The run folder of <paramref name="model"/> trained on the bundled sample with <paramref name="options"/>:
    /// shipped, cached, or trained now (see the remarks of <see cref="CourseModels"/>).
    /// </summary>
    /// <param name="model">The model (default: TAGNN with the reference's settings).</param>
    /// <param name="options">Training options (default: <see cref="DefaultOptions"/>).</param>
    /// <param name="progress">Receives training progress when the run is trained (for a live display).</param>
    /// <param name="baselines">Also score SKNN on the same test set (in the run's summary.json; POP always is).</param>
    /// <param name="weights">The caller loads the model (<see cref="RunFolder.LoadModel"/>): a shipped run is used only
    /// if it includes its best weights, and a regenerated one gets them. Pass false when only the run's metrics are
    /// read, to keep the repository small.</param>
    public static RunFolder Trained(ModelSpec? model = null, TrainingOptions? options = null,
        IProgress<TrainingProgress>? progress = null, bool baselines = true, bool weights = true)
    {
        options ??= DefaultOptions;
        model ??= ModelConfig.ForTagnn(SampleData.LoadPrepared().ItemTableSize);
        var request = new CourseRunRequest(CourseRunKind.Training, model, options, baselines);
        return CourseRunStore.Get(request, weights, directory =>
        {
            var data = TrainingData.Load(SampleData.PreparedPath, options);
            var config = NewConfig(request, data, $"{nameof(CourseModels)}.{nameof(Trained)}");
            using var run = TrainingRun.Start(directory, config, data, Course.Device);
            run.Run(progress, sknn: baselines);
        });
    }

    /// <summary>Where <paramref name="run"/> comes from, in one line for a notebook's output: shipped with the
    /// repository (and how to regenerate it), cached on this machine, or neither.</summary>
    public static string Source(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var relative = Path.GetRelativePath(Course.RepoRoot, run.Directory).Replace('\\', '/');
        var inShipped = !Path.GetRelativePath(ShippedDirectory, run.Directory).StartsWith("..", StringComparison.Ordinal);
        var inCache = !Path.GetRelativePath(CacheDirectory, run.Directory).StartsWith("..", StringComparison.Ordinal);
        var seconds = run.ReadSummary()?.Timings.WallSeconds;
        var trained = seconds is { } s ? $", trained in {s:F0} s" : "";
        var config = run.ReadConfig();
        var threads = config.Threads is { } t ? $" on {t} thread(s)" : "";
        if (inShipped)
            return $"shipped with the repository: {relative}{trained}{threads} (regenerate: {RegenerateCommand})";
        if (inCache)
            return $"trained on this machine and cached: {relative}{trained}{threads}";
        return $"{relative}{trained}{threads}";
    }

    /// <summary>The configuration of a course run trained on <paramref name="data"/>.</summary>
    internal static RunConfig NewConfig(CourseRunRequest request, TrainingData data, string what)
    {
        var device = Course.Current.Device;
        var notebook = Environment.GetEnvironmentVariable(NotebookVariable);
        return new RunConfig
        {
            Name = request.FolderName,
            Model = request.Model,
            Training = request.Options,
            Data = RunData.Describe(data),
            Device = new RunDevice(device.Requested, device.Device.ToString(), device.Reason),
            Threads = Course.Current.Threads,
            SknnBaseline = request.Baselines,
            Command = notebook is { Length: > 0 } ? $"{what} (course run, notebook {notebook})" : $"{what} (course run)",
        };
    }
}
