using Tagnn.Data;
using Tagnn.Graphs;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Evaluation;

/// <summary>
/// The rank of every example's target, one number per example (what <see cref="ModelEvaluator"/> aggregates): the
/// input of per-example statistics such as a paired bootstrap over test sessions.
/// </summary>
public static class TargetRanks
{
    /// <summary>
    /// The 1-based rank of each target among all N items, ties to the lower item id (<see cref="RankingMetrics.Ranks"/>),
    /// in example order, batched as <see cref="ModelEvaluator.Evaluate"/> batches (the same options give ranks whose
    /// hit rate and MRR are its numbers). No gradients, one dispose scope per batch.
    /// </summary>
    /// <param name="model">The model (its current weights).</param>
    /// <param name="data">The examples.</param>
    /// <param name="options">Batching (the cut-offs are not used).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static int[] Compute(SessionRecommender model, SessionDataset data, EvaluationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new EvaluationOptions();
        if (data.MaxItemId > model.ItemCount)
            throw new ArgumentException($"The data uses item {data.MaxItemId}; the model scores items 1..{model.ItemCount}.", nameof(data));
        var ranks = new int[data.Count];
        var batcher = new SessionBatcher(data, new BatcherOptions(options.BatchSize, options.Padding, Shuffle: false,
            PadLength: options.PadLength) { Device = model.Device });
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var done = 0;
            foreach (var batch in batcher.Batches())
            {
                using (batch)
                using (NewDisposeScope())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var batchRanks = RankingMetrics.Ranks(model.forward(batch), batch.Targets).cpu().data<long>().ToArray();
                    for (var i = 0; i < batchRanks.Length; i++) ranks[done + i] = checked((int)batchRanks[i]);
                    done += batchRanks.Length;
                }
            }
            if (done != data.Count) throw new InvalidOperationException($"Scored {done} of {data.Count} examples.");
        }
        finally
        {
            model.train(wasTraining);
        }
        return ranks;
    }

    /// <summary>100 x hit@<paramref name="k"/> of each rank (100 when the target is in the top k, else 0): the
    /// per-example terms whose mean is HR@k in percent.</summary>
    public static double[] Hits(IReadOnlyList<int> ranks, int k = 20)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        return [.. ranks.Select(r => r <= k ? 100.0 : 0.0)];
    }

    /// <summary>100 x the reciprocal rank cut at <paramref name="k"/> (0 beyond k): the per-example terms whose mean is
    /// MRR@k in percent.</summary>
    public static double[] ReciprocalRanks(IReadOnlyList<int> ranks, int k = 20)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        return [.. ranks.Select(r => r <= k ? 100.0 / r : 0.0)];
    }
}
