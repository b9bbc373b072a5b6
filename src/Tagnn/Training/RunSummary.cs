namespace Tagnn.Training;

/// <summary>
/// A finished run's <c>summary.json</c>: the reported numbers with how they were selected, the test metrics, the
/// baselines on the same test set, and timings.
/// </summary>
public sealed record RunSummary
{
    /// <summary>The run's name.</summary>
    public string? Name { get; init; }

    /// <summary>The model (e.g. "tagnn, reference formulation, local_attentive readout, target attention").</summary>
    public required string Model { get; init; }

    /// <summary>The protocol.</summary>
    public required SelectionProtocol Protocol { get; init; }

    /// <summary>How the numbers were selected (print it next to them).</summary>
    public required string Label { get; init; }

    /// <summary>"test" (reference protocol: chosen by looking at the test set) or "validation".</summary>
    public required string SelectedOn { get; init; }

    /// <summary>The reported P@20 (HR@20), percent.</summary>
    public required double HitRate20 { get; init; }

    /// <summary>Its epoch.</summary>
    public required int HitRate20Epoch { get; init; }

    /// <summary>The reported MRR@20, percent.</summary>
    public required double Mrr20 { get; init; }

    /// <summary>Its epoch.</summary>
    public required int Mrr20Epoch { get; init; }

    /// <summary>The epoch of <c>checkpoints/best.safetensors</c>.</summary>
    public required int SelectedEpoch { get; init; }

    /// <summary>Every test metric at the selected epoch.</summary>
    public required IReadOnlyDictionary<string, double> Test { get; init; }

    /// <summary>Every validation metric at the selected epoch (validation protocol), else null.</summary>
    public IReadOnlyDictionary<string, double>? Validation { get; init; }

    /// <summary>Test examples.</summary>
    public required int TestExamples { get; init; }

    /// <summary>Baselines on the same test set, trained on the same training examples ("pop", "sknn").</summary>
    public required IReadOnlyDictionary<string, BaselineResult> Baselines { get; init; }

    /// <summary>Epochs trained.</summary>
    public required int EpochsTrained { get; init; }

    /// <summary>Epochs asked for.</summary>
    public required int EpochsPlanned { get; init; }

    /// <summary>Whether patience stopped the run early.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Timings.</summary>
    public required RunTimings Timings { get; init; }

    /// <summary>The device used.</summary>
    public string? Device { get; init; }

    /// <summary>When the summary was written (UTC).</summary>
    public DateTimeOffset Finished { get; init; } = DateTimeOffset.UtcNow;
}
