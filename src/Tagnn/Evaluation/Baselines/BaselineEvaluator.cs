using System.Diagnostics;
using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>What <see cref="BaselineEvaluator.Run"/> measured: the metrics and the fit and scoring times apart.</summary>
/// <param name="Spec">The baseline and its hyper-parameters.</param>
/// <param name="Metrics">The test metrics.</param>
/// <param name="FitSeconds">Time to fit on the training set (indexing, counting).</param>
/// <param name="EvaluateSeconds">Time to score and rank the whole test set.</param>
public sealed record BaselineOutcome(BaselineSpec Spec, MetricsReport Metrics, double FitSeconds, double EvaluateSeconds);

/// <summary>
/// Evaluates a <see cref="ISessionBaseline"/> on a test set with the same metrics as the models: each prefix is scored
/// sparsely, the target ranked and the top-k list taken by <see cref="SparseRanking"/> (ties in the baseline's
/// <see cref="ISessionBaseline.TieOrder"/>), and the ranks and lists fed to <see cref="RankingMetrics"/> in example
/// order, so the report is the same for every thread count.
/// </summary>
public static class BaselineEvaluator
{
    /// <summary>Examples handed to a worker at a time.</summary>
    private const int Chunk = 256;

    /// <summary>Scores every example of <paramref name="test"/> and returns the metrics.</summary>
    /// <param name="model">A fitted baseline.</param>
    /// <param name="test">Test examples (targets must be 1..N).</param>
    /// <param name="cutoffs">Cut-offs (default 5, 10, 20).</param>
    /// <param name="threads">Worker threads (the baselines use no torch); 0 = one per core.</param>
    /// <param name="progress">Called with the number of examples done, now and then (from worker threads, one call at a time).</param>
    /// <param name="cancellationToken">Stops between chunks.</param>
    public static MetricsReport Evaluate(ISessionBaseline model, SessionDataset test, IReadOnlyList<int>? cutoffs = null,
        int threads = 0, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        var n = model.ItemCount;
        if (test.MaxItemId > n && test.Count > 0)
        {
            for (var i = 0; i < test.Count; i++)
            {
                if (test.Target(i) > n)
                    throw new ArgumentException($"Test example {i} has target {test.Target(i)}, beyond N = {n}.", nameof(test));
            }
        }
        var metrics = new RankingMetrics(n, cutoffs, model.Popularity);
        var k = metrics.MaxCutoff;
        var order = model.TieOrder;
        var ranks = new long[test.Count];
        var lists = new int[test.Count][];
        var done = 0;
        var progressLock = new object();
        var chunks = (test.Count + Chunk - 1) / Chunk;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, chunks, options, () => new SparseScores(n), (c, _, scores) =>
        {
            var end = Math.Min(test.Count, (c + 1) * Chunk);
            for (var i = c * Chunk; i < end; i++)
            {
                scores.Clear();
                model.Score(test.Prefix(i), scores);
                ranks[i] = SparseRanking.Rank(scores, test.Target(i), order);
                lists[i] = SparseRanking.Top(scores, k, order);
            }
            if (progress is not null)
            {
                var now = Interlocked.Add(ref done, end - c * Chunk);
                lock (progressLock) progress(now);
            }
            return scores;
        }, _ => { });
        metrics.AddRanks(ranks);
        metrics.AddRecommendations(lists);
        return metrics.Result();
    }

    /// <summary>Fits <paramref name="spec"/> on <paramref name="train"/> and evaluates it on <paramref name="test"/>,
    /// timing the two phases apart.</summary>
    public static BaselineOutcome Run(BaselineSpec spec, SessionDataset train, SessionDataset test, int itemCount,
        IReadOnlyList<int>? cutoffs = null, int threads = 0, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var clock = Stopwatch.StartNew();
        var model = spec.Fit(train, itemCount);
        var fit = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var metrics = Evaluate(model, test, cutoffs, threads, progress, cancellationToken);
        return new BaselineOutcome(spec, metrics, fit, clock.Elapsed.TotalSeconds);
    }
}
