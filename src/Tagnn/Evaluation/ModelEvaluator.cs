using Tagnn.Data;
using Tagnn.Graphs;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Evaluation;

/// <summary>Scores every example of a dataset with a model and accumulates <see cref="RankingMetrics"/>.</summary>
public static class ModelEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="model"/> on <paramref name="data"/> as the reference does: all N items are
    /// candidates, nothing is masked, ties go to the lower item id. Runs without gradients, one dispose scope per
    /// batch, batches created on the model's device.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="data">The examples.</param>
    /// <param name="popularity">Training click counts (N + 1 entries) for the popularity metric, or null.</param>
    /// <param name="options">Batching and cut-offs.</param>
    /// <param name="progress">Reports the number of examples scored after each batch.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static MetricsReport Evaluate(SessionRecommender model, SessionDataset data, long[]? popularity = null,
        EvaluationOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new EvaluationOptions();
        if (data.MaxItemId > model.ItemCount)
            throw new ArgumentException($"The data uses item {data.MaxItemId}; the model scores items 1..{model.ItemCount}.", nameof(data));
        var metrics = new RankingMetrics(model.ItemCount, options.Cutoffs, popularity);
        var device = model.Device;
        var batcher = new SessionBatcher(data, new BatcherOptions(options.BatchSize, options.Padding, Shuffle: false,
            PadLength: options.PadLength) { Device = device });
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
                    metrics.Add(model.forward(batch), batch.Targets);
                    done += batch.Count;
                }
                progress?.Report(done);
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return metrics.Result();
    }
}
