using System.Diagnostics;
using Tagnn.Evaluation.Baselines;
using Tagnn.IO;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Training;

/// <summary>
/// A training run with a run folder: a <see cref="Trainer"/> whose every epoch is checkpointed
/// (<c>checkpoints/last.safetensors</c>, and <c>best.safetensors</c> when the selected epoch changes) and logged
/// (<c>metrics.jsonl</c>), followed by the baselines on the same test set and <c>summary.json</c>. What
/// <c>tagnn train</c> runs; also usable from a notebook.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private TrainingRun(RunFolder folder, RunConfig config, Trainer trainer)
    {
        Folder = folder;
        Config = config;
        Trainer = trainer;
    }

    /// <summary>The run folder.</summary>
    public RunFolder Folder { get; }

    /// <summary>The run's configuration (as in <c>config.json</c>).</summary>
    public RunConfig Config { get; private set; }

    /// <summary>The trainer. Train through <see cref="Run"/>, which checkpoints and logs every epoch; epochs trained
    /// on the trainer directly are not written to the run folder.</summary>
    public Trainer Trainer { get; }

    /// <summary>
    /// Creates the run folder (refusing an existing, non-empty one) and a trainer for <paramref name="config"/>:
    /// the model is initialised from the seed, or from <see cref="RunConfig.InitWeights"/> when set.
    /// </summary>
    /// <param name="directory">The new run folder.</param>
    /// <param name="config">What to run; its <see cref="RunConfig.Data"/> should describe <paramref name="data"/>
    /// (see <see cref="RunData.Describe"/>).</param>
    /// <param name="data">The example sets, built with <c>config.Training</c>.</param>
    /// <param name="device">Where to train (CPU when null).</param>
    public static TrainingRun Start(string directory, RunConfig config, TrainingData data, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        config.Data.CheckSame(data);
        var trainer = Trainer.Create(config.Model, data, config.Training, device);
        try
        {
            if (config.InitWeights is not null)
            {
                var model = trainer.Model as SessionModel ?? throw new ArgumentException(
                    $"Initial weights are safetensors under the reference names of TAGNN and SR-GNN; {config.Model.Name} has no such names.", nameof(config));
                model.LoadReferenceWeights(config.InitWeights);
                FiniteWeights.Require(config.InitWeights, model.ReferenceTensors());
            }
            var folder = RunFolder.Create(directory, config with { Name = config.Name ?? Path.GetFileName(Path.GetFullPath(directory)) });
            return new TrainingRun(folder, folder.ReadConfig(), trainer);
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reopens a run folder to continue it exactly where its last checkpoint left it: the data is reloaded from the
    /// folder recorded in <c>config.json</c> (and checked to be the same), the model, Adam and the bookkeeping are
    /// restored, <c>metrics.jsonl</c> is rewritten from the checkpoint's history. Temporaries of writes interrupted by a
    /// kill (<see cref="RunFolder.RemoveAbandonedTemporaries"/>) are deleted.
    /// </summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="device">Where to continue (CPU when null); it may differ from the original device.</param>
    /// <param name="epochs">A new total number of epochs (default: the run's).</param>
    /// <param name="command">The command line, recorded in <c>config.json</c>.</param>
    /// <param name="data">The example sets; default: loaded from the recorded folder with the run's options.</param>
    /// <exception cref="FileNotFoundException">The run has no checkpoint yet.</exception>
    public static TrainingRun Resume(string directory, Device? device = null, int? epochs = null, string? command = null,
        TrainingData? data = null)
    {
        var folder = RunFolder.Open(directory);
        var config = folder.ReadConfig();
        var checkpoint = folder.CheckpointPath("last");
        folder.RemoveAbandonedTemporaries(); // left by a process killed while writing a checkpoint or config.json
        if (epochs is { } e)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(e, 1, nameof(epochs));
            config = config with { Training = config.Training with { Epochs = e } };
        }
        if (data is null)
        {
            var path = config.Data.Path ?? throw new InvalidDataException($"{folder.ConfigPath} records no data folder; pass the data explicitly.");
            data = TrainingData.Load(path, config.Training);
        }
        var trainer = Trainer.Create(config.Model, data, config.Training, device);
        try
        {
            var info = Checkpoint.Restore(checkpoint, trainer);
            config = config with
            {
                Resumes = [.. config.Resumes, new RunResume(DateTimeOffset.UtcNow, info.State.CompletedEpochs, config.Training.Epochs, command)],
            };
            folder.WriteConfig(config);
            folder.WriteMetrics(trainer.History);
            return new TrainingRun(folder, config, trainer);
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains to the configured number of epochs (or until patience runs out), selects the reported numbers, scores
    /// the baselines (POP always, SKNN when asked) on the same test set and writes <c>summary.json</c>. Every epoch is
    /// checkpointed (<c>checkpoints/last.safetensors</c>, and <c>best.safetensors</c> when it is the selected one) and
    /// logged (<c>metrics.jsonl</c>) as soon as it is over, before <paramref name="progress"/> hears of it.
    /// </summary>
    /// <param name="progress">Receives a report after every step and evaluation batch and after every epoch.</param>
    /// <param name="sknn">Also score SKNN (seconds on the sample; minutes at Diginetica scale).</param>
    /// <param name="cancellationToken">Stops between batches; completed epochs stay checkpointed.</param>
    /// <exception cref="TrainingDivergedException">The loss or the weights became NaN or infinite; the message says which
    /// checkpoint is kept. Whatever the failure, a run folder without any checkpoint is removed
    /// (<see cref="RunFolder.RemoveIfNoCheckpoint"/>).</exception>
    public RunSummary Run(IProgress<TrainingProgress>? progress = null, bool sknn = true, CancellationToken cancellationToken = default)
    {
        progress = CheckpointingEachEpoch(progress);
        var wall = Stopwatch.StartNew();
        var trainTimer = Stopwatch.StartNew();
        try
        {
            while (Trainer.CompletedEpochs < Config.Training.Epochs && !Trainer.PatienceExhausted)
                Trainer.TrainEpoch(Config.Training.Epochs, progress, cancellationToken);
        }
        catch (Exception e)
        {
            // A run that fails before its first checkpoint leaves nothing behind (a rerun under the same name works);
            // otherwise the last checkpoint stays, the one a resume continues from.
            var removed = Folder.RemoveIfNoCheckpoint();
            if (e is TrainingDivergedException diverged)
            {
                throw diverged.WithOutcome(removed
                    ? $"Nothing had been checkpointed, so the run folder {Folder.Directory} was removed."
                    : $"The last good checkpoint (after epoch {Trainer.CompletedEpochs - 1}) is kept: {Folder.LastCheckpointPath}.");
            }
            throw;
        }
        trainTimer.Stop();
        var testTimer = Stopwatch.StartNew();
        var selection = Trainer.Select(progress, cancellationToken);
        var testSeconds = Config.Training.Protocol == SelectionProtocol.Validation ? testTimer.Elapsed.TotalSeconds : 0;

        var baselineTimer = Stopwatch.StartNew();
        var baselines = Baselines(Trainer.Data, sknn);
        var history = Trainer.History;
        var summary = new RunSummary
        {
            Name = Config.Name,
            Model = Config.Model.Describe(),
            Protocol = selection.Protocol,
            Label = selection.Describe(),
            SelectedOn = selection.SelectedOnTestSet ? "test" : "validation",
            HitRate20 = selection.HitRate20,
            HitRate20Epoch = selection.HitRateEpoch,
            Mrr20 = selection.Mrr20,
            Mrr20Epoch = selection.MrrEpoch,
            SelectedEpoch = selection.SelectedEpoch,
            Test = selection.Test.ToDictionary(),
            Validation = selection.Validation?.ToDictionary(),
            TestExamples = selection.Test.Examples,
            Baselines = baselines,
            EpochsTrained = history.Count,
            EpochsPlanned = Config.Training.Epochs,
            StoppedEarly = Trainer.PatienceExhausted && history.Count < Config.Training.Epochs,
            Timings = new RunTimings(history.Sum(h => h.TrainSeconds), history.Sum(h => h.EvalSeconds),
                history.Count > 0 ? history.Average(h => h.Seconds) : 0, testSeconds, baselineTimer.Elapsed.TotalSeconds,
                wall.Elapsed.TotalSeconds),
            Device = Config.Device?.Used ?? Trainer.Model.Device.ToString(),
        };
        Folder.WriteSummary(summary);
        return summary;
    }

    /// <summary>POP (and SKNN) trained on <paramref name="data"/>'s training examples, scored on its test set.</summary>
    public static IReadOnlyDictionary<string, BaselineResult> Baselines(TrainingData data, bool sknn)
    {
        ArgumentNullException.ThrowIfNull(data);
        var result = new SortedDictionary<string, BaselineResult>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var pop = PopularityBaseline.FromTrain(data.Train, data.ItemCount).Evaluate(data.Test);
        result["pop"] = new BaselineResult(pop.Headline.P20, pop.Headline.Mrr20, pop.ToDictionary(), clock.Elapsed.TotalSeconds);
        if (sknn)
        {
            clock.Restart();
            var knn = new SessionKnnBaseline(data.Train, data.ItemCount).Evaluate(data.Test);
            result["sknn"] = new BaselineResult(knn.Headline.P20, knn.Headline.Mrr20, knn.ToDictionary(), clock.Elapsed.TotalSeconds);
        }
        return result;
    }

    /// <summary>Disposes the trainer and its model.</summary>
    public void Dispose() => Trainer.Dispose();

    // Passes every report on to `next`; a finished epoch is written (SaveEpoch) before it is passed on.
    private InlineProgress<TrainingProgress> CheckpointingEachEpoch(IProgress<TrainingProgress>? next) => new(report =>
    {
        if (report.Completed is { } epoch) SaveEpoch(epoch);
        next?.Report(report);
    });

    private void SaveEpoch(EpochResult epoch)
    {
        // Checkpoint first, then the log: metrics.jsonl never lists an epoch that no checkpoint holds. If the process
        // dies between the two writes the log lacks the last epoch until a resume rewrites it from the checkpoint.
        Checkpoint.Save(Folder.LastCheckpointPath, Trainer, Config);
        if (Trainer.SelectedEpoch == epoch.Epoch)
        {
            AtomicFile.Write(Folder.BestCheckpointPath, stream =>
            {
                using var source = File.OpenRead(Folder.LastCheckpointPath);
                source.CopyTo(stream);
            });
        }
        Folder.WriteMetrics(Trainer.History);
    }
}
