using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Experiments;

/// <summary>
/// One model of a comparison or sweep: what to build and how to train it. The comparison trains it once per seed with
/// <see cref="Training"/>, replacing its <see cref="TrainingOptions.Seed"/> by the seed and its
/// <see cref="TrainingOptions.Protocol"/> by <see cref="SelectionProtocol.Validation"/>; what decides the examples
/// (<see cref="TrainingOptions.ValidationFraction"/>, <see cref="TrainingOptions.MaxTrainExamples"/>,
/// <see cref="TrainingOptions.MaxTestExamples"/>) must be the same for every model of a comparison.
/// </summary>
/// <param name="Name">The name tables and charts print (unique within a comparison).</param>
/// <param name="Spec">The model (any <see cref="ModelSpec"/>: TAGNN/SR-GNN configurations, baselines, variants).</param>
/// <param name="Training">How to train it (epochs, learning rate, batch size, ...).</param>
public sealed record ComparedModel(string Name, ModelSpec Spec, TrainingOptions Training)
{
    /// <summary>The options of seed <paramref name="seed"/>: <see cref="Training"/> with that seed, under the
    /// validation protocol.</summary>
    public TrainingOptions For(long seed) => Training with { Seed = seed, Protocol = SelectionProtocol.Validation };

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("A compared model needs a name.");
        if (Spec is null) throw new ArgumentException($"Model '{Name}' has no specification.");
        if (Training is null) throw new ArgumentException($"Model '{Name}' has no training options.");
        For(Training.Seed).Validate();
    }
}
