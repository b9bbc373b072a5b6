namespace Tagnn.Experiments;

/// <summary>One run of one model: a neural model with one seed, or a baseline fitted once (or once per seed under
/// the validation protocol). Metrics in percent, times in seconds.</summary>
public sealed record Table1SeedResult
{
    /// <summary>The seed, or null for a deterministic baseline run once for every seed (reference protocol).</summary>
    public long? Seed { get; init; }

    /// <summary><see cref="Table1Status.Done"/>, <see cref="Table1Status.Failed"/> or <see cref="Table1Status.Cancelled"/>.</summary>
    public required Table1Status Status { get; init; }

    /// <summary>The reported P@20 (HR@20).</summary>
    public double? P20 { get; init; }

    /// <summary>The reported MRR@20 (under the reference protocol, possibly from another epoch than P@20).</summary>
    public double? Mrr20 { get; init; }

    /// <summary>NDCG@20 at the selected epoch (the epoch of the reported P@20 under the reference protocol).</summary>
    public double? Ndcg20 { get; init; }

    /// <summary>Training steps over every epoch (neural), or the fit (baseline).</summary>
    public double? TrainSeconds { get; init; }

    /// <summary>Every scoring of the run: per-epoch evaluation and the final test scoring (neural), or scoring the
    /// test set (baseline).</summary>
    public double? EvalSeconds { get; init; }

    /// <summary>The run folder (neural) or result file (baseline), relative to the table's folder, with '/'.</summary>
    public string? Path { get; init; }

    /// <summary>Epochs trained (neural).</summary>
    public int? EpochsTrained { get; init; }

    /// <summary>The epoch of the reported P@20 (neural).</summary>
    public int? P20Epoch { get; init; }

    /// <summary>The epoch of the reported MRR@20 (neural).</summary>
    public int? Mrr20Epoch { get; init; }

    /// <summary>Whether an earlier invocation finished it (read back, not run again).</summary>
    public bool Reused { get; init; }

    /// <summary>Why it failed (exception type and message), else null.</summary>
    public string? Error { get; init; }
}
