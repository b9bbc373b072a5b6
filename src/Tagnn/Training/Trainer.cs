using System.Diagnostics;
using Tagnn.Evaluation;
using Tagnn.Graphs;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Training;

/// <summary>
/// Trains a <see cref="SessionRecommender"/> as the reference does: each epoch sets the learning rate from the
/// schedule (stepped at the epoch's start), trains on the shuffled training set in batches
/// (<see cref="TrainingStep"/>: zero_grad, loss, backward, Adam step), scores the selection set, updates the best
/// results and the patience counter (<see cref="EpochSelection"/>); training stops after
/// <see cref="TrainingOptions.Epochs"/> epochs or when patience runs out. <see cref="Fit"/> then selects the reported
/// numbers by the run's <see cref="SelectionProtocol"/>.
/// </summary>
/// <remarks>
/// <para>Everything is a pure function of the seed on a given machine: the initialisation (<see cref="Create"/>),
/// the batch order of every epoch (<see cref="SessionBatcher.Order"/>), the validation split and anything a loss
/// samples (<see cref="TrainingStepContext"/>). Two trainers built the same way produce bit-identical parameters and
/// metrics (with the same number of torch threads), and a trainer restored from a checkpoint continues exactly as if
/// it had not stopped.</para>
/// <para>Every training step and evaluation batch runs in its own dispose scope, so memory stays flat over an
/// epoch. Batches are created on the model's device.</para>
/// <para>Progress has one channel: the <see cref="IProgress{T}"/> passed to <see cref="Fit"/>, <see cref="TrainEpoch"/>
/// or <see cref="Select"/> receives a <see cref="TrainingProgress"/> after every step and evaluation batch and one
/// with the epoch's record (<see cref="TrainingPhase.EpochCompleted"/>) after every epoch. The trainer returns data
/// (<see cref="EpochResult"/>, <see cref="SelectionResult"/>); how to word it for a reader is the front end's.</para>
/// </remarks>
public sealed class Trainer : IDisposable
{
    private readonly List<EpochResult> history = [];
    private readonly (string Name, TorchSharp.Modules.Parameter Parameter)[] parameters;   // the model's, by name
    private readonly EpochSelection selection;
    private readonly SelectedWeights selectedWeights;
    private readonly Device device;
    private (int Epoch, MetricsReport Report)? testAtSelection;
    private bool ownsModel;

    /// <summary>Creates a trainer for an existing model (its device is used for every batch).</summary>
    /// <param name="model">The model to train (its current weights are the starting point).</param>
    /// <param name="data">The example sets.</param>
    /// <param name="options">How to train and select.</param>
    public Trainer(SessionRecommender model, TrainingData data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (model.ItemCount != data.ItemCount)
            throw new ArgumentException($"The model scores {model.ItemCount} items, the data has {data.ItemCount}.", nameof(model));
        if ((options.Protocol == SelectionProtocol.Validation) != (data.Validation is not null))
            throw new ArgumentException(options.Protocol == SelectionProtocol.Validation
                ? "The validation protocol needs data with a validation split (TrainingData.From with the same options)."
                : "The data has a validation split but the protocol is 'reference': build the data with the same options.", nameof(data));
        Model = model;
        Data = data;
        Options = options;
        Schedule = options.Schedule;
        model.BindTrainingSet(data.Train);                          // e.g. BPR-MF's example -> session map
        parameters = [.. model.named_parameters()];
        device = model.Device;
        selection = new EpochSelection(options.Protocol, options.SelectBy);
        selectedWeights = new SelectedWeights(parameters);
        Optimizer = new AdamOptimizer(parameters, options.LearningRate, options.Beta1, options.Beta2, options.Eps, options.WeightDecay);
    }

    /// <summary>
    /// Builds the model <paramref name="spec"/> describes, initialised from <see cref="TrainingOptions.Seed"/>, on
    /// <paramref name="device"/> (CPU when null), and a trainer for it that owns it (disposing the trainer disposes
    /// the model).
    /// </summary>
    public static Trainer Create(ModelSpec spec, TrainingData data, TrainingOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var model = spec.Build(options.Seed, device);
        try
        {
            return new Trainer(model, data, options) { ownsModel = true };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The model being trained.</summary>
    public SessionRecommender Model { get; }

    /// <summary>The example sets.</summary>
    public TrainingData Data { get; }

    /// <summary>The options.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The learning-rate schedule.</summary>
    public LearningRateSchedule Schedule { get; }

    /// <summary>The optimiser (its moments and step counts are saved in checkpoints).</summary>
    public AdamOptimizer Optimizer { get; }

    /// <summary>Epochs completed so far; the next epoch to train has this index.</summary>
    public int CompletedEpochs => history.Count;

    /// <summary>Every completed epoch.</summary>
    public IReadOnlyList<EpochResult> History => history;

    /// <summary>The epoch whose weights are kept as the best (by <see cref="TrainingOptions.SelectBy"/> on the
    /// selection set, later epoch on ties); -1 before the first epoch.</summary>
    public int SelectedEpoch => selection.SelectedEpoch;

    /// <summary>Whether patience has run out (no further epoch will be trained).</summary>
    public bool PatienceExhausted => selection.Best.ShouldStop(Options.Patience);

    /// <summary>
    /// Trains until <paramref name="epochs"/> epochs in total are done (default <see cref="TrainingOptions.Epochs"/>)
    /// or patience runs out, then selects the reported numbers (<see cref="Select"/>). Calling it again after
    /// raising the epoch count continues the same run.
    /// </summary>
    /// <param name="epochs">Total epochs to reach (including those already done).</param>
    /// <param name="progress">Receives a report after every step and evaluation batch and after every epoch.</param>
    /// <param name="cancellationToken">Stops between batches (<see cref="OperationCanceledException"/>); the epochs
    /// completed so far stay in <see cref="History"/>, but the weights and Adam's state are those of the interrupted
    /// epoch's last step: to continue exactly, restore the last checkpoint (<see cref="Checkpoint.Restore"/>).</param>
    public TrainingHistory Fit(int? epochs = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var total = epochs ?? Options.Epochs;
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1, nameof(epochs));
        while (CompletedEpochs < total && !PatienceExhausted) TrainEpoch(total, progress, cancellationToken);
        return new TrainingHistory([.. history], Select(progress, cancellationToken), PatienceExhausted && CompletedEpochs < total);
    }

    /// <summary>Steps between full garbage collections (see <see cref="CollectNativeGarbage"/>).</summary>
    private const int CollectEvery = 10;

    /// <summary>
    /// Some small native objects of TorchSharp (autograd bookkeeping) are released only by finalizers. Left to the
    /// GC's own pace they pile up between the large tensors in glibc's heap and resident memory creeps up step after
    /// step although no tensor leaks (measured: 0.7 GB growing past 1.2 GB at Diginetica scale). A full collection
    /// every few steps keeps it flat for a few milliseconds (BENCHMARKS.md, "memory policy").
    /// </summary>
    private static void CollectNativeGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>Trains and evaluates one epoch (the next one) and returns its record (also reported to
    /// <paramref name="progress"/>, <see cref="TrainingPhase.EpochCompleted"/>).</summary>
    /// <param name="epochs">Total epochs of the run, for progress reports only.</param>
    /// <param name="progress">Receives a report after every step and evaluation batch and at the end.</param>
    /// <param name="cancellationToken">Stops between batches (see <see cref="Fit"/>).</param>
    public EpochResult TrainEpoch(int? epochs = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var epoch = CompletedEpochs;
        var total = Math.Max(epochs ?? Options.Epochs, epoch + 1);
        var rate = Schedule.RateAt(epoch);                          // the reference steps its scheduler first
        Optimizer.LearningRate = rate;

        var batcher = new SessionBatcher(Data.Train, new BatcherOptions(Options.BatchSize, Options.Padding, Shuffle: true,
            Seed: Options.Seed, Prefetch: Options.Prefetch) { Device = device });
        Model.train();
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        int steps = 0, examples = 0;
        foreach (var batch in batcher.Batches(epoch))
        {
            double loss;
            using (batch)
            using (NewDisposeScope())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var value = TrainingStep.Run(Model, Optimizer, batch, new TrainingStepContext(epoch, steps, Options.Seed));
                loss = value.item<float>(); // after the step: the only read of device memory per step
                examples += batch.Count;
            }
            if (!double.IsFinite(loss)) throw new TrainingDivergedException(epoch, steps + 1, batcher.BatchCount, rate, $"the loss is {loss}");
            lossSum += loss;
            steps++;
            if (steps % CollectEvery == 0) CollectNativeGarbage();
            progress?.Report(new TrainingProgress(TrainingPhase.Train, epoch, total, steps, batcher.BatchCount, examples,
                batcher.ExampleCount, loss, lossSum / steps, rate, clock.Elapsed));
        }
        if (FiniteWeights.FirstNonFinite(parameters.Select(p => (p.Name, (Tensor)p.Parameter))) is { } bad) // a finite last loss can still leave NaN weights
            throw new TrainingDivergedException(epoch, steps, batcher.BatchCount, rate, $"parameter '{bad.Name}' holds NaN or infinite values after the epoch's last step");
        var trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var set = Data.SelectionSet;
        var metrics = Evaluate(set, TrainingPhase.Evaluate, epoch, total, rate, progress, cancellationToken);
        var evalSeconds = clock.Elapsed.TotalSeconds;

        var (improvement, selected) = selection.Observe(epoch, metrics);
        if (selected) selectedWeights.Capture();
        var result = new EpochResult(epoch, rate, steps > 0 ? lossSum / steps : double.NaN, steps, examples,
            Data.SelectionSetName, metrics, improvement, selection.Best.BadEpochs, trainSeconds, evalSeconds);
        history.Add(result);
        progress?.Report(TrainingProgress.EpochDone(result, total));
        return result;
    }

    /// <summary>
    /// The reported numbers (<see cref="EpochSelection.Result"/>). Reference protocol: the best test P@20 and the best
    /// test MRR@20 over the epochs so far, taken separately. Validation protocol: the epoch with the best validation
    /// metric; the test set is scored once with that epoch's weights (the current weights are put back afterwards;
    /// selecting again without a new selected epoch does not score it again).
    /// </summary>
    /// <exception cref="InvalidOperationException">No epoch has been trained.</exception>
    public SelectionResult Select(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (history.Count == 0) throw new InvalidOperationException("No epoch has been trained yet.");
        if (Options.Protocol == SelectionProtocol.Reference) return selection.Result(history);
        if (testAtSelection is not { } cached || cached.Epoch != SelectedEpoch)
        {
            var rate = history[SelectedEpoch].LearningRate;
            testAtSelection = (SelectedEpoch, selectedWeights.With(() =>
                Evaluate(Data.Test, TrainingPhase.Test, SelectedEpoch, history.Count, rate, progress, cancellationToken)));
        }
        return selection.Result(history, testAtSelection.Value.Report);
    }

    /// <summary>Scores <paramref name="data"/> with the current weights (see <see cref="ModelEvaluator"/>).</summary>
    public MetricsReport Evaluate(Tagnn.Data.SessionDataset data, CancellationToken cancellationToken = default) =>
        ModelEvaluator.Evaluate(Model, data, Data.Popularity, new EvaluationOptions(Options.BatchSize, Options.Padding),
            cancellationToken: cancellationToken);

    /// <summary>The weights of <see cref="SelectedEpoch"/> by parameter name (the trainer's own copies, saved in
    /// checkpoints).</summary>
    public IReadOnlyDictionary<string, Tensor> BestWeights => selectedWeights.Tensors;

    /// <summary>The bookkeeping a checkpoint needs besides tensors.</summary>
    public TrainerState CaptureState() => new(
        CompletedEpochs, selection.Best.State, SelectedEpoch, selection.SelectedValue, [.. history], Optimizer.State().Steps);

    /// <summary>
    /// Restores a state captured by <see cref="CaptureState"/> together with the tensors saved with it (model weights
    /// are restored separately, by the caller, as they may come from a reference-named file).
    /// </summary>
    /// <param name="state">The bookkeeping.</param>
    /// <param name="optimizerTensors">The optimiser moments (<see cref="AdamOptimizer.State"/> names).</param>
    /// <param name="selectedWeights">The selected epoch's weights by parameter name.</param>
    public void RestoreState(TrainerState state, IReadOnlyDictionary<string, Tensor> optimizerTensors, IReadOnlyDictionary<string, Tensor> selectedWeights)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(optimizerTensors);
        ArgumentNullException.ThrowIfNull(selectedWeights);
        if (state.History.Count != state.CompletedEpochs)
            throw new InvalidDataException($"The state records {state.CompletedEpochs} epochs but holds {state.History.Count} epoch results.");
        Optimizer.LoadState(optimizerTensors, state.OptimizerSteps);
        history.Clear();
        history.AddRange(state.History);
        selection.Restore(state.Best, state.SelectedEpoch, state.SelectedValue);
        testAtSelection = null;
        this.selectedWeights.Clear();
        if (state.CompletedEpochs > 0) this.selectedWeights.Load(selectedWeights);
    }

    /// <summary>Disposes the optimiser state, the best-weight copies and, when the trainer built it
    /// (<see cref="Create"/>), the model.</summary>
    public void Dispose()
    {
        Optimizer.Dispose();
        selectedWeights.Dispose();
        if (ownsModel) Model.Dispose();
        ownsModel = false;
    }

    private MetricsReport Evaluate(Tagnn.Data.SessionDataset set, TrainingPhase phase, int epoch, int epochs, double rate,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var batches = (set.Count + Options.BatchSize - 1) / Options.BatchSize;
        var step = 0;
        var reporter = progress is null ? null : new InlineProgress<int>(done => progress.Report(new TrainingProgress(phase, epoch,
            epochs, ++step, batches, done, set.Count, double.NaN, double.NaN, rate, clock.Elapsed)));
        return ModelEvaluator.Evaluate(Model, set, Data.Popularity, new EvaluationOptions(Options.BatchSize, Options.Padding),
            reporter, cancellationToken);
    }
}
