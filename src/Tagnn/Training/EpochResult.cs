using Tagnn.Evaluation;

namespace Tagnn.Training;

/// <summary>One epoch of a run: training loss and rate, the metrics of the set that selects the epoch, timings.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="LearningRate">The rate the epoch trained with.</param>
/// <param name="TrainLoss">Mean of the batch losses (each the mean cross-entropy of its batch).</param>
/// <param name="TrainSteps">Batches trained.</param>
/// <param name="TrainExamples">Examples trained.</param>
/// <param name="EvaluatedOn">"test" (reference protocol) or "validation".</param>
/// <param name="Metrics">Metrics on <paramref name="EvaluatedOn"/> after the epoch.</param>
/// <param name="Improvement">Which of P@20 and MRR@20 reached (or tied) a new best.</param>
/// <param name="BadEpochs">The patience counter after this epoch.</param>
/// <param name="TrainSeconds">Wall time of the training steps.</param>
/// <param name="EvalSeconds">Wall time of the evaluation.</param>
public sealed record EpochResult(
    int Epoch,
    double LearningRate,
    double TrainLoss,
    int TrainSteps,
    int TrainExamples,
    string EvaluatedOn,
    MetricsReport Metrics,
    EpochImprovement Improvement,
    int BadEpochs,
    double TrainSeconds,
    double EvalSeconds)
{
    /// <summary>Wall time of the epoch (training + evaluation).</summary>
    public double Seconds => TrainSeconds + EvalSeconds;

    /// <summary>
    /// The epoch as one flat JSON object (a line of <c>metrics.jsonl</c>): <c>epoch</c>, <c>lr</c>,
    /// <c>train_loss</c>, <c>train_steps</c>, <c>train_examples</c>, <c>set</c>, <c>examples</c>, every metric of
    /// <see cref="MetricsReport.ToDictionary"/> (<c>hit_rate@20</c>, <c>mrr@20</c>, ...), <c>improved_hit_rate</c>,
    /// <c>improved_mrr</c>, <c>bad_epochs</c>, <c>train_seconds</c>, <c>eval_seconds</c>, <c>seconds</c>.
    /// </summary>
    public SortedDictionary<string, object> ToJsonObject()
    {
        var line = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["epoch"] = Epoch,
            ["lr"] = LearningRate,
            ["train_loss"] = TrainLoss,
            ["train_steps"] = TrainSteps,
            ["train_examples"] = TrainExamples,
            ["set"] = EvaluatedOn,
            ["examples"] = Metrics.Examples,
            ["improved_hit_rate"] = Improvement.HitRate,
            ["improved_mrr"] = Improvement.Mrr,
            ["bad_epochs"] = BadEpochs,
            ["train_seconds"] = TrainSeconds,
            ["eval_seconds"] = EvalSeconds,
            ["seconds"] = Seconds,
        };
        foreach (var (name, value) in Metrics.ToDictionary()) line[name] = value;
        return line;
    }

    /// <summary>Reads an object written by <see cref="ToJsonObject"/>.</summary>
    /// <exception cref="InvalidDataException">A field is missing or has the wrong type.</exception>
    public static EpochResult FromJson(System.Text.Json.JsonElement line)
    {
        try
        {
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var p in line.EnumerateObject())
            {
                if (p.Name.Contains('@', StringComparison.Ordinal)) metrics[p.Name] = Number(p.Value);
            }
            return new EpochResult(
                line.GetProperty("epoch").GetInt32(),
                Number(line.GetProperty("lr")),
                Number(line.GetProperty("train_loss")),
                line.GetProperty("train_steps").GetInt32(),
                line.GetProperty("train_examples").GetInt32(),
                line.GetProperty("set").GetString() ?? throw new InvalidDataException("'set' is null."),
                MetricsReport.FromDictionary(line.GetProperty("examples").GetInt32(), metrics),
                new EpochImprovement(line.GetProperty("improved_hit_rate").GetBoolean(), line.GetProperty("improved_mrr").GetBoolean()),
                line.GetProperty("bad_epochs").GetInt32(),
                Number(line.GetProperty("train_seconds")),
                Number(line.GetProperty("eval_seconds")));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Not an epoch record: {e.Message}", e);
        }
    }

    // A number, or one of the named literals ("NaN", "Infinity") a diverged run writes for its loss.
    private static double Number(System.Text.Json.JsonElement value) =>
        value.ValueKind == System.Text.Json.JsonValueKind.String
            ? double.Parse(value.GetString()!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
            : value.GetDouble();
}
