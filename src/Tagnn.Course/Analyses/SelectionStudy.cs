using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Course;

/// <summary>
/// The two model-selection protocols on ONE training run (notebook 07): a model trained on the training sessions
/// minus a held-out validation split is scored on both the validation and the test set after every epoch, so the
/// numbers each protocol would report come from the same weights. The reference protocol reports the best test P@20
/// and the best test MRR@20 over the epochs, taken separately (it looks at the test set to choose); the validation
/// protocol reports the test metrics of the epoch the validation set chose.
/// </summary>
/// <remarks>
/// Scoring the test set after every epoch is exactly what the validation protocol must not do to choose; here it is
/// done only to show what the reference protocol would have reported from the same run. The validation protocol's
/// choice is the trainer's own (<see cref="Trainer.SelectedEpoch"/>), so its numbers equal those of
/// <c>tagnn train --protocol validation</c> with the same options.
/// </remarks>
public sealed class SelectionStudy
{
    private SelectionStudy(IReadOnlyList<SelectionEpoch> epochs, int validationEpoch, SelectionMetric selectBy, RunData data)
    {
        Epochs = epochs;
        ValidationEpoch = validationEpoch;
        SelectBy = selectBy;
        Data = data;
        (ReferenceHitRate, ReferenceHitRateEpoch) = Best(epochs, e => e.Test[20].HitRate);
        (ReferenceMrr, ReferenceMrrEpoch) = Best(epochs, e => e.Test[20].Mrr);
    }

    /// <summary>Every epoch, validation and test metrics side by side.</summary>
    public IReadOnlyList<SelectionEpoch> Epochs { get; }

    /// <summary>The epoch the validation set chose (by <see cref="SelectBy"/>; the later epoch on ties).</summary>
    public int ValidationEpoch { get; }

    /// <summary>The validation metric that chose the epoch.</summary>
    public SelectionMetric SelectBy { get; }

    /// <summary>The sizes of the sets (train, validation, test).</summary>
    public RunData Data { get; }

    /// <summary>What the reference protocol reports as P@20: the best test P@20 over the epochs.</summary>
    public double ReferenceHitRate { get; }

    /// <summary>Its epoch (the later one on ties, as the reference counts a tie as an improvement).</summary>
    public int ReferenceHitRateEpoch { get; }

    /// <summary>What the reference protocol reports as MRR@20: the best test MRR@20, possibly from another epoch.</summary>
    public double ReferenceMrr { get; }

    /// <summary>Its epoch.</summary>
    public int ReferenceMrrEpoch { get; }

    /// <summary>What the validation protocol reports as P@20: the test P@20 at <see cref="ValidationEpoch"/>.</summary>
    public double ValidationHitRate => Epochs[ValidationEpoch].Test[20].HitRate;

    /// <summary>What the validation protocol reports as MRR@20.</summary>
    public double ValidationMrr => Epochs[ValidationEpoch].Test[20].Mrr;

    /// <summary>
    /// Trains <paramref name="model"/> (default TAGNN) on the prepared data at <paramref name="dataDirectory"/>
    /// (default: the bundled sample) under the validation protocol, scoring the test set after every epoch as well.
    /// </summary>
    /// <param name="options">Training options; <see cref="TrainingOptions.Protocol"/> must be
    /// <see cref="SelectionProtocol.Validation"/> (it defines the held-out split).</param>
    /// <param name="model">The model (default: TAGNN with the reference's settings).</param>
    /// <param name="monitor">Receives the trainer's progress (e.g. a <see cref="TrainingMonitor"/>), if given.</param>
    /// <param name="dataDirectory">A prepared folder (default: <see cref="SampleData.PreparedPath"/>).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="ArgumentException">The options do not ask for the validation protocol.</exception>
    public static SelectionStudy Run(TrainingOptions options, ModelConfig? model = null, IProgress<TrainingProgress>? monitor = null,
        string? dataDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Protocol != SelectionProtocol.Validation)
            throw new ArgumentException("A selection study needs a validation split: use options with Protocol = SelectionProtocol.Validation.", nameof(options));
        var data = TrainingData.Load(dataDirectory ?? SampleData.PreparedPath, options);
        model ??= ModelConfig.ForTagnn(data.ItemTableSize);
        using var trainer = Trainer.Create(model, data, options, CurrentDevice());
        var epochs = new List<SelectionEpoch>();
        while (trainer.CompletedEpochs < options.Epochs && !trainer.PatienceExhausted)
        {
            var epoch = trainer.TrainEpoch(options.Epochs, monitor, cancellationToken);
            var test = trainer.Evaluate(data.Test, cancellationToken);
            epochs.Add(new SelectionEpoch(epoch.Epoch, epoch.LearningRate, epoch.TrainLoss, epoch.Metrics, test));
        }
        return new SelectionStudy(epochs, trainer.SelectedEpoch, options.SelectBy, RunData.Describe(data));
    }

    // The course device when Course.Setup ran, else the CPU (library use without a notebook).
    private static TorchSharp.torch.Device? CurrentDevice()
    {
        try { return Course.Device; }
        catch (InvalidOperationException) { return null; }
    }

    private static (double Value, int Epoch) Best(IReadOnlyList<SelectionEpoch> epochs, Func<SelectionEpoch, double> metric)
    {
        if (epochs.Count == 0) throw new InvalidOperationException("No epoch was trained.");
        var (value, epoch) = (double.NegativeInfinity, -1);
        foreach (var e in epochs)
        {
            var v = metric(e);
            if (v >= value) (value, epoch) = (v, e.Epoch);   // a tie counts as an improvement, as in the reference
        }
        return (value, epoch);
    }
}
