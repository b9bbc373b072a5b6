using System.Text.Json.Serialization;
using Tagnn.Graphs;

namespace Tagnn.Training;

/// <summary>
/// How to train and select a model. The defaults are the reference's (Adam lr 1e-3, betas 0.9/0.999, eps 1e-8,
/// weight decay 1e-5; StepLR(3, 0.1) stepped at the start of each epoch; batch 100; 30 epochs; patience 10) plus this
/// library's choices where the reference has none (seed, per-batch padding with the reference semantics).
/// Serialises to readable JSON (a run's <c>config.json</c>).
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Epochs to train at most (reference 30).</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Examples per batch, train and evaluation (reference 100).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Adam's initial learning rate lr0 (reference 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's beta1 (0.9).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's beta2 (0.999).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's eps (1e-8).</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>L2 weight decay coupled into the gradient, on every parameter (reference 1e-5).</summary>
    public double WeightDecay { get; init; } = 1e-5;

    /// <summary>Epochs between learning-rate decays (reference 3).</summary>
    public int LearningRateStep { get; init; } = 3;

    /// <summary>Learning-rate decay factor (reference 0.1).</summary>
    public double LearningRateGamma { get; init; } = 0.1;

    /// <summary>When the schedule steps (reference: at the start of each epoch, first decay after two epochs).</summary>
    public LearningRateStepping Stepping { get; init; } = LearningRateStepping.Reference;

    /// <summary>Stop after this many epochs that improved neither P@20 nor MRR@20 (reference 10; never reset).</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Seeds the initialisation, the shuffling (the order of epoch e is a pure function of (seed, e)) and
    /// the validation split.</summary>
    public long Seed { get; init; } = 2020;

    /// <summary>How the reported epoch is chosen.</summary>
    public SelectionProtocol Protocol { get; init; } = SelectionProtocol.Reference;

    /// <summary>The metric that picks the epoch under the validation protocol (HR@20 by default).</summary>
    public SelectionMetric SelectBy { get; init; } = SelectionMetric.HitRate;

    /// <summary>Share of the training sessions held out for validation (validation protocol; the reference's
    /// <c>--valid_portion</c> is 0.1, of examples rather than sessions).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>
    /// How batches are padded. <see cref="PaddingPolicy.Batch"/> (default) pads to the batch's longest prefix and,
    /// in the reference formulation, adds the dataset-wide padding's share analytically: the same numbers as the
    /// reference's <see cref="PaddingPolicy.Dataset"/> padding, at per-batch cost.
    /// </summary>
    public PaddingPolicy Padding { get; init; } = PaddingPolicy.Batch;

    /// <summary>Build the next batch on a worker thread while the current one trains.</summary>
    public bool Prefetch { get; init; } = true;

    /// <summary>Smoke mode: train on at most this many examples (whole sessions, from the start); null = all.</summary>
    public int? MaxTrainExamples { get; init; }

    /// <summary>Smoke mode: evaluate on at most this many test examples (whole sessions, from the start); null = all.</summary>
    public int? MaxTestExamples { get; init; }

    /// <summary>The learning-rate schedule these options describe.</summary>
    [JsonIgnore]
    public LearningRateSchedule Schedule => new(LearningRate, LearningRateStep, LearningRateGamma, Stepping);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"Epochs must be at least 1, got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentException($"The batch size must be at least 1, got {BatchSize}.");
        Schedule.Validate();
        if (!(Beta1 is >= 0 and < 1)) throw new ArgumentException($"beta1 must be in [0, 1), got {Beta1}.");
        if (!(Beta2 is >= 0 and < 1)) throw new ArgumentException($"beta2 must be in [0, 1), got {Beta2}.");
        if (!(Eps >= 0)) throw new ArgumentException($"eps must be non-negative, got {Eps}.");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"The weight decay must be non-negative, got {WeightDecay}.");
        if (Patience < 1) throw new ArgumentException($"Patience must be at least 1 epoch, got {Patience}.");
        if (!Enum.IsDefined(Protocol)) throw new ArgumentException($"Unknown protocol {Protocol}.");
        if (!Enum.IsDefined(SelectBy)) throw new ArgumentException($"Unknown selection metric {SelectBy}.");
        if (!Enum.IsDefined(Padding)) throw new ArgumentException($"Unknown padding policy {Padding}.");
        if (Protocol == SelectionProtocol.Validation && !(ValidationFraction is > 0 and < 1))
            throw new ArgumentException($"The validation fraction must be in (0, 1), got {ValidationFraction}.");
        if (MaxTrainExamples is < 1) throw new ArgumentException($"MaxTrainExamples must be positive, got {MaxTrainExamples}.");
        if (MaxTestExamples is < 1) throw new ArgumentException($"MaxTestExamples must be positive, got {MaxTestExamples}.");
    }
}
