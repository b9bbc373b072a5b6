using System.Diagnostics;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Evaluation.Baselines;
using Tagnn.Model;
using Tagnn.Runtime;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// Builds a results table in the TAGNN paper's Table 1 layout (<c>tagnn table1</c>): every requested model of a
/// <see cref="ModelCatalog"/> on one prepared dataset, the neural models trained through <see cref="TrainingRun"/>
/// (one run folder per model and seed) and the baselines fitted and scored by <see cref="BaselineEvaluator"/>, all on
/// the same examples with the same metrics; then <c>table1.csv</c>, <c>table1.md</c> and <c>table1.json</c>
/// (<see cref="Table1Folder"/>), rewritten after every run.
/// </summary>
/// <remarks>
/// <para>A model that fails (an exception, e.g. out of memory) gets a failed run with the error; the others still
/// run. Cancellation stops between training batches or scoring chunks: finished runs stay, an interrupted training
/// run keeps its checkpointed epochs, the table files mark the model cancelled, and
/// <see cref="OperationCanceledException"/> is thrown.</para>
/// <para>A rerun into the same folder reuses every finished run (a run folder with <c>summary.json</c> made with the
/// same model, options and data; a baseline result for the same settings and examples), resumes interrupted run
/// folders from their last checkpoint, continues finished runs to a larger epoch count, and runs the rest. A run folder
/// made with other settings is never overwritten: that run fails and says so.</para>
/// </remarks>
public sealed class Table1Runner
{
    private readonly Table1Options options;
    private readonly ModelCatalog catalog;
    private readonly Table1Observer observer;
    private readonly Dictionary<(long, SelectionProtocol), TrainingData> data = [];
    private PreparedDataset? prepared;

    /// <summary>Creates a runner.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="catalog">The models by name (default <see cref="ModelCatalog.Default"/>).</param>
    /// <param name="observer">Progress and events (default: none).</param>
    /// <exception cref="ArgumentException">An invalid option.</exception>
    public Table1Runner(Table1Options options, ModelCatalog? catalog = null, Table1Observer? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.catalog = catalog ?? ModelCatalog.Default;
        this.observer = observer ?? new Table1Observer();
        Folder = Table1Folder.At(options.Output);
    }

    /// <summary>The output folder.</summary>
    public Table1Folder Folder { get; }

    /// <summary>Runs every model (reusing what is done) and writes the table.</summary>
    /// <exception cref="ArgumentException">An unknown model, or one this build cannot run.</exception>
    /// <exception cref="OperationCanceledException">Stopped; the table files say what is done.</exception>
    public Table1Result Run(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var models = catalog.Select(options.Models);
        prepared = PreparedDataset.Load(options.Data);
        var used = Data(options.BaseSeed, SelectionProtocol.Reference);
        var match = PaperDatasetMatch.Recognize(prepared.Stats, used.Train.Count, used.Test.Count, prepared.Train.Count, prepared.Test.Count);
        var header = Header(used, match);
        if (models.Any(m => m is NeuralEntry)) TorchRuntime.EnsureLoaded();
        Directory.CreateDirectory(Folder.Directory);

        var rows = models.Select(m => new RowState(m, Describe(m, used), Deterministic(m), Deterministic(m) ? 1 : options.Seeds,
            Paper(m, match))).ToList();
        var plans = new List<(RowState Row, JobPlan Plan)>();
        foreach (var row in rows)
            foreach (var seed in RunSeeds(row.Model)) plans.Add((row, Plan(row.Model, seed)));
        var jobs = plans.Select((p, i) => p.Plan.Job with { Number = i + 1, Count = plans.Count }).ToList();

        Table1Result Table() => header with
        {
            Rows = [.. rows.Select(r => r.ToRow())],
            Updated = DateTimeOffset.UtcNow,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
        observer.Starting(Table(), jobs);
        for (var i = 0; i < plans.Count; i++)
        {
            var (row, plan) = plans[i];
            var job = jobs[i];
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                observer.JobStarting(job);
                var result = Execute(job, plan, cancellationToken);
                row.Runs.Add(result);
                observer.JobFinished(job, result);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                row.Cancelled = true;
                Write(Table());
                throw;
            }
            Write(Table());
        }
        return Write(Table());
    }

    /// <summary>One run, planned: what it does and with what; a problem makes it fail without running.</summary>
    private sealed record JobPlan(Table1Job Job, TrainingOptions Training, ModelSpec? Spec, string? Problem);

    /// <summary>A row being filled.</summary>
    private sealed class RowState(CatalogEntry model, string? description, bool deterministic, int planned, (double, double)? paper)
    {
        public CatalogEntry Model => model;

        public List<Table1SeedResult> Runs { get; } = [];

        public bool Cancelled { get; set; }

        public Table1Row ToRow() => Table1Row.From(model, description, deterministic, planned, Runs, Cancelled, paper);
    }

    /// <summary>A baseline under the reference protocol: no random numbers and the same training set for every seed.</summary>
    private bool Deterministic(CatalogEntry model) => model is BaselineEntry && options.Protocol == SelectionProtocol.Reference;

    private IReadOnlyList<long?> RunSeeds(CatalogEntry model) =>
        Deterministic(model) ? [null] : [.. options.SeedList.Select(s => (long?)s)];

    /// <summary>The example sets of a seed under a protocol (the seed matters only to the validation split).</summary>
    private TrainingData Data(long seed, SelectionProtocol protocol)
    {
        var key = (protocol == SelectionProtocol.Validation ? seed : 0, protocol);
        if (!data.TryGetValue(key, out var sets))
            data[key] = sets = TrainingData.From(prepared!, options.Training(seed) with { Protocol = protocol });
        return sets;
    }

    private static string? Describe(CatalogEntry model, TrainingData used)
    {
        try
        {
            return model switch
            {
                BaselineEntry b => b.Spec().Describe(),
                NeuralEntry n => n.Spec(used.ItemTableSize).Describe(),
                _ => null,
            };
        }
        catch (Exception)
        {
            return null; // the run fails with the same exception and records it
        }
    }

    private static (double, double)? Paper(CatalogEntry model, PaperDatasetMatch match)
    {
        if (match.Dataset is null) return null;
        var p20 = PublishedResults.Find(model.Name, match.Dataset, PublishedResults.P20);
        var mrr = PublishedResults.Find(model.Name, match.Dataset, PublishedResults.Mrr20);
        return p20 is null || mrr is null ? null : (p20.Value, mrr.Value);
    }

    private Table1Result Header(TrainingData used, PaperDatasetMatch match)
    {
        var path = Path.GetFullPath(options.Data);
        var stats = prepared!.Stats;
        var protocolNote = options.Protocol == SelectionProtocol.Reference
            ? "reference: every epoch is scored on the test set and each neural model reports its best test P@20 and its best test MRR@20 " +
              "over the epochs, taken separately (the authors' code and the paper's Table 1). Selected on the test set: optimistic."
            : $"validation: {new TrainingOptions().ValidationFraction:P0} of the training sessions (drawn by the seed) are held out; the epoch with the " +
              "best validation P@20 is selected and the test set is scored once, with its weights. The baselines are fitted on the same " +
              "remaining training examples. Not comparable with the paper's test-selected numbers.";
        return new Table1Result
        {
            Data = new Table1Data(path, Table1Defaults.DataName(path), stats.Dataset, stats.Fraction, used.ItemCount, used.Train.Count,
                used.Test.Count, Table1Defaults.IsSample(path)),
            PaperDataset = match.Dataset,
            PaperDatasetNote = match.Note,
            Protocol = options.Protocol,
            ProtocolNote = protocolNote,
            Epochs = options.Epochs.Epochs,
            EpochsPreset = options.Epochs.Name,
            EpochsNote = options.Epochs.Explanation,
            Patience = options.Training(options.BaseSeed).Patience,
            Seeds = options.SeedList,
            Rows = [],
        };
    }

    private Table1Result Write(Table1Result table)
    {
        Table1Csv.Write(Folder.CsvPath, table.Rows);
        Tagnn.IO.AtomicFile.WriteAllText(Folder.MarkdownPath, Table1Markdown.Render(table));
        Tagnn.IO.AtomicFile.WriteAllText(Folder.JsonPath, table.ToJson() + "\n");
        observer.Written(table);
        return table;
    }

    private JobPlan Plan(CatalogEntry model, long? seed)
    {
        var training = options.Training(seed ?? options.BaseSeed);
        if (model is BaselineEntry baseline)
        {
            var name = Table1Folder.BaselineName(model.Name, seed);
            string? description = null, problem = null;
            try
            {
                description = baseline.Spec().Describe();
            }
            catch (Exception e)
            {
                problem = Error(e);
            }
            var sets = Data(seed ?? options.BaseSeed, options.Protocol);
            var done = description is not null && BaselineRecord.TryLoad(Folder.Full(name)) is { } record && record.Matches(model.Name, description, seed, sets);
            return new JobPlan(new Table1Job(model, seed, 0, 0, done ? Table1Action.Reuse : Table1Action.Fit, name, description ?? model.Title),
                training, null, problem);
        }
        var neural = (NeuralEntry)model;
        var runName = Table1Folder.RunName(model.Name, seed!.Value);
        try
        {
            training = neural.Options(training);
            var spec = neural.Spec(Data(seed.Value, options.Protocol).ItemTableSize);
            var (action, problem) = NeuralAction(Folder.Full(runName), spec, training, Data(seed.Value, options.Protocol));
            return new JobPlan(new Table1Job(model, seed, 0, 0, action, runName, spec.Describe()), training, spec, problem);
        }
        catch (Exception e)
        {
            return new JobPlan(new Table1Job(model, seed, 0, 0, Table1Action.Train, runName, model.Title), training, null, Error(e));
        }
    }

    /// <summary>What to do with a neural run's folder: train it, resume it, reuse it, or refuse (another setting).</summary>
    private static (Table1Action, string?) NeuralAction(string directory, ModelSpec spec, TrainingOptions training, TrainingData sets)
    {
        if (!Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any()) return (Table1Action.Train, null);
        var again = $"Delete {directory} or choose another --output.";
        RunFolder run;
        RunConfig config;
        try
        {
            run = RunFolder.Open(directory);
            config = run.ReadConfig();
            config.Data.CheckSame(sets);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return (Table1Action.Train, $"{e.Message} {again}");
        }
        if (!Equals(config.Model, spec))
            return (Table1Action.Train, $"{directory} holds another model ({config.Model.Describe()}; this table trains {spec.Describe()}). {again}");
        if (config.Training with { Epochs = training.Epochs } != training)
            return (Table1Action.Train, $"{directory} was trained with other options (seed, schedule, protocol or limits) than this table's. {again}");
        if (config.Training.Epochs > training.Epochs)
            return (Table1Action.Train, $"{directory} was trained for up to {config.Training.Epochs} epochs, more than the {training.Epochs} asked (--epochs {config.Training.Epochs} reuses it). {again}");
        if (File.Exists(run.SummaryPath) && config.Training.Epochs == training.Epochs) return (Table1Action.Reuse, null);
        if (File.Exists(run.LastCheckpointPath)) return (Table1Action.Resume, null);
        // Created, but stopped before its first epoch ended: nothing to keep but config.json.
        return Directory.EnumerateFiles(directory, "*.safetensors", SearchOption.AllDirectories).Any()
            ? (Table1Action.Train, $"{directory} has checkpoints but no {RunFolder.LastCheckpointFile}. {again}")
            : (Table1Action.Train, null);
    }

    private Table1SeedResult Execute(Table1Job job, JobPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Problem is not null) return Failed(job, plan.Problem);
        try
        {
            return job.Model is BaselineEntry baseline ? RunBaseline(job, baseline, cancellationToken) : RunNeural(job, plan, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return Failed(job, Error(e));
        }
        finally
        {
            GC.Collect(); // release what TorchSharp frees in finalizers before the next model
            GC.WaitForPendingFinalizers();
        }
    }

    private Table1SeedResult RunBaseline(Table1Job job, BaselineEntry entry, CancellationToken cancellationToken)
    {
        var sets = Data(job.Seed ?? options.BaseSeed, options.Protocol);
        var path = Folder.Full(job.Path);
        var record = job.Action == Table1Action.Reuse ? BaselineRecord.TryLoad(path) : null;
        var reused = record is not null;
        if (record is null)
        {
            var spec = entry.Spec();
            var outcome = observer.Fit(job, sets.Test.Count, progress => BaselineEvaluator.Run(spec, sets.Train, sets.Test, sets.ItemCount,
                threads: options.BaselineThreads, progress: progress, cancellationToken: cancellationToken));
            record = new BaselineRecord
            {
                Model = entry.Name,
                Spec = spec.Describe(),
                Seed = job.Seed,
                Items = sets.ItemCount,
                TrainExamples = sets.Train.Count,
                TestExamples = sets.Test.Count,
                Metrics = outcome.Metrics.ToDictionary(),
                FitSeconds = outcome.FitSeconds,
                EvaluateSeconds = outcome.EvaluateSeconds,
            };
            record.Save(path);
        }
        return new Table1SeedResult
        {
            Seed = job.Seed,
            Status = Table1Status.Done,
            P20 = record.Metrics["hit_rate@20"],
            Mrr20 = record.Metrics["mrr@20"],
            Ndcg20 = record.Metrics["ndcg@20"],
            TrainSeconds = record.FitSeconds,
            EvalSeconds = record.EvaluateSeconds,
            Path = job.Path,
            Reused = reused,
        };
    }

    private Table1SeedResult RunNeural(Table1Job job, JobPlan plan, CancellationToken cancellationToken)
    {
        var directory = Folder.Full(job.Path);
        var seed = job.Seed!.Value;
        if (job.Action == Table1Action.Reuse)
            return FromSummary(job, RunFolder.Open(directory).ReadSummary() ?? throw new InvalidDataException($"{directory} has no summary."), reused: true);
        var sets = Data(seed, options.Protocol);
        TrainingRun run;
        if (job.Action == Table1Action.Resume)
        {
            // A summary of fewer epochs is stale from here on: a run stopped before its new summary must not look done.
            var summary = Path.Combine(directory, RunFolder.SummaryFile);
            if (File.Exists(summary)) File.Delete(summary);
            run = TrainingRun.Resume(directory, options.Device, plan.Training.Epochs, options.Command, sets);
        }
        else
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); // config.json only (see NeuralAction)
            var config = new RunConfig
            {
                Command = options.Command,
                Model = plan.Spec!,
                Training = plan.Training,
                Data = RunData.Describe(sets),
                Device = options.DeviceRecord,
                Threads = TorchSharp.torch.get_num_threads(),
            };
            run = TrainingRun.Start(directory, config, sets, options.Device);
        }
        using (run)
        {
            var result = observer.Train(job, run, progress => run.Run(progress, sknn: false, cancellationToken));
            return FromSummary(job, result, reused: false);
        }
    }

    private static Table1SeedResult FromSummary(Table1Job job, RunSummary summary, bool reused) => new()
    {
        Seed = job.Seed,
        Status = Table1Status.Done,
        P20 = summary.HitRate20,
        Mrr20 = summary.Mrr20,
        Ndcg20 = summary.Test.TryGetValue("ndcg@20", out var ndcg) ? ndcg : null,
        TrainSeconds = summary.Timings.TrainSeconds,
        EvalSeconds = summary.Timings.EvalSeconds + summary.Timings.TestSeconds,
        Path = job.Path,
        EpochsTrained = summary.EpochsTrained,
        P20Epoch = summary.HitRate20Epoch,
        Mrr20Epoch = summary.Mrr20Epoch,
        Reused = reused,
    };

    private static Table1SeedResult Failed(Table1Job job, string error) => new()
    {
        Seed = job.Seed,
        Status = Table1Status.Failed,
        Path = job.Path,
        Error = error,
    };

    private static string Error(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
