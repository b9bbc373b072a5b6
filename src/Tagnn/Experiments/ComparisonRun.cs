using System.Text.Json.Serialization;

namespace Tagnn.Experiments;

/// <summary>One model trained with one seed under the validation protocol: its test numbers at the selected epoch
/// (percent).</summary>
public sealed record ComparisonRun
{
    /// <summary>The model's name.</summary>
    public required string Model { get; init; }

    /// <summary>The seed (initialisation, batch order, validation split).</summary>
    public required long Seed { get; init; }

    /// <summary>Test P@20 (HR@20) at the selected epoch.</summary>
    public required double P20 { get; init; }

    /// <summary>Test MRR@20 at the selected epoch.</summary>
    public required double Mrr20 { get; init; }

    /// <summary>Test NDCG@20 at the selected epoch.</summary>
    public double? Ndcg20 { get; init; }

    /// <summary>Validation P@20 at the selected epoch.</summary>
    public double? ValidationP20 { get; init; }

    /// <summary>The epoch chosen on the validation set (0-based).</summary>
    public required int SelectedEpoch { get; init; }

    /// <summary>Epochs trained.</summary>
    public required int EpochsTrained { get; init; }

    /// <summary>Whether patience ended training early.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Wall time of training, selection and scoring.</summary>
    public double Seconds { get; init; }

    /// <summary>The 1-based rank of every test example's target at the selected epoch (the bootstrap's input); null when
    /// the bootstrap is off. Not written to JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<int>? TestRanks { get; init; }
}
