namespace Tagnn.Experiments;

/// <summary>
/// One model's row of the table: its runs and their mean and spread. Metrics in percent; times are the mean seconds
/// of one run. Metric fields are null when no run finished.
/// </summary>
public sealed record Table1Row
{
    /// <summary>The short name (<c>table1.csv</c>'s <c>model</c>).</summary>
    public required string Model { get; init; }

    /// <summary>The name tables print.</summary>
    public required string Title { get; init; }

    /// <summary><c>baseline</c> (fitted and scored) or <c>neural</c> (trained).</summary>
    public required string Kind { get; init; }

    /// <summary>Whether the TAGNN paper's Table 1 has this method.</summary>
    public bool InPaper { get; init; }

    /// <summary>The model and its settings in one line, when known.</summary>
    public string? Description { get; init; }

    /// <summary>Where the row stands.</summary>
    public required Table1Status Status { get; init; }

    /// <summary>Whether one run stands for every seed (a baseline under the reference protocol: it draws no random
    /// numbers and its training set does not depend on the seed), so the spread over seeds is 0.</summary>
    public bool Deterministic { get; init; }

    /// <summary>The runs the row needs (seeds, or 1 for a deterministic baseline).</summary>
    public int PlannedRuns { get; init; }

    /// <summary>Finished runs the numbers are over (<c>table1.csv</c>'s <c>seeds</c>).</summary>
    public int Seeds { get; init; }

    /// <summary>Mean P@20.</summary>
    public double? P20Mean { get; init; }

    /// <summary>Sample standard deviation of P@20 over seeds (0 when deterministic; null for one random seed).</summary>
    public double? P20Std { get; init; }

    /// <summary>Mean MRR@20.</summary>
    public double? Mrr20Mean { get; init; }

    /// <summary>Sample standard deviation of MRR@20 over seeds.</summary>
    public double? Mrr20Std { get; init; }

    /// <summary>Mean NDCG@20.</summary>
    public double? Ndcg20Mean { get; init; }

    /// <summary>Mean training (or fitting) seconds of a run.</summary>
    public double? TrainSeconds { get; init; }

    /// <summary>Mean scoring seconds of a run.</summary>
    public double? EvalSeconds { get; init; }

    /// <summary>The paper's P@20 on this dataset, when the data is one of the paper's.</summary>
    public double? PaperP20 { get; init; }

    /// <summary>The paper's MRR@20 on this dataset, when the data is one of the paper's.</summary>
    public double? PaperMrr20 { get; init; }

    /// <summary>The first error of a failed run, else null.</summary>
    public string? Error { get; init; }

    /// <summary>Every run so far.</summary>
    public IReadOnlyList<Table1SeedResult> Runs { get; init; } = [];

    /// <summary>Aggregates the runs of a model.</summary>
    /// <param name="entry">The model.</param>
    /// <param name="description">Its one-line description, when known.</param>
    /// <param name="deterministic">One run stands for every seed.</param>
    /// <param name="planned">Runs the row needs.</param>
    /// <param name="runs">The runs so far.</param>
    /// <param name="cancelled">The table was stopped while this model ran.</param>
    /// <param name="paper">The paper's (P@20, MRR@20) on this dataset, if any.</param>
    public static Table1Row From(CatalogEntry entry, string? description, bool deterministic, int planned,
        IReadOnlyList<Table1SeedResult> runs, bool cancelled = false, (double P20, double Mrr20)? paper = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(runs);
        var done = runs.Where(r => r.Status == Table1Status.Done).ToList();
        var status = cancelled ? Table1Status.Cancelled
            : runs.Count < planned ? Table1Status.Pending
            : done.Count == planned ? Table1Status.Done
            : done.Count > 0 ? Table1Status.Partial
            : Table1Status.Failed;
        List<double> Values(Func<Table1SeedResult, double?> pick) => [.. done.Select(pick).OfType<double>()];
        double? Spread(Func<Table1SeedResult, double?> pick) => done.Count == 0 ? null : deterministic ? 0 : SeedStatistics.SampleStd(Values(pick));
        return new Table1Row
        {
            Model = entry.Name,
            Title = entry.Title,
            Kind = entry is NeuralEntry ? "neural" : "baseline",
            InPaper = entry.InPaper,
            Description = description,
            Status = status,
            Deterministic = deterministic,
            PlannedRuns = planned,
            Seeds = done.Count,
            P20Mean = SeedStatistics.Mean(Values(r => r.P20)),
            P20Std = Spread(r => r.P20),
            Mrr20Mean = SeedStatistics.Mean(Values(r => r.Mrr20)),
            Mrr20Std = Spread(r => r.Mrr20),
            Ndcg20Mean = SeedStatistics.Mean(Values(r => r.Ndcg20)),
            TrainSeconds = SeedStatistics.Mean(Values(r => r.TrainSeconds)),
            EvalSeconds = SeedStatistics.Mean(Values(r => r.EvalSeconds)),
            PaperP20 = paper?.P20,
            PaperMrr20 = paper?.Mrr20,
            Error = runs.FirstOrDefault(r => r.Error is not null)?.Error,
            Runs = runs,
        };
    }
}
