namespace Tagnn.Evaluation;

/// <summary>Metrics of one evaluation at every cut-off.</summary>
/// <param name="Examples">Number of examples evaluated.</param>
/// <param name="AtK">One entry per cut-off, in increasing K.</param>
public sealed record MetricsReport(int Examples, IReadOnlyList<MetricsAtK> AtK)
{
    /// <summary>The metrics at cut-off <paramref name="k"/>.</summary>
    public MetricsAtK this[int k] => AtK.FirstOrDefault(m => m.K == k)
        ?? throw new KeyNotFoundException($"No metrics at K = {k}; cut-offs are {string.Join(", ", AtK.Select(m => m.K))}.");

    /// <summary>The paper's headline numbers: P@20 (= HR@20) and MRR@20, in percent.</summary>
    public (double P20, double Mrr20) Headline => (this[20].HitRate, this[20].Mrr);

    /// <summary>A flat name -> value map (<c>hit_rate@20</c>, <c>mrr@20</c>, <c>ndcg@20</c>, <c>coverage@20</c>,
    /// <c>popularity@20</c>, ...) for JSON lines and tables.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var m in AtK)
        {
            map[$"hit_rate@{m.K}"] = m.HitRate;
            map[$"mrr@{m.K}"] = m.Mrr;
            map[$"ndcg@{m.K}"] = m.Ndcg;
            map[$"coverage@{m.K}"] = m.Coverage;
            map[$"popularity@{m.K}"] = m.MeanPopularity;
        }
        return map;
    }

    /// <summary>
    /// Rebuilds a report from <see cref="ToDictionary"/>'s map (e.g. a line of a run's <c>metrics.jsonl</c>); keys
    /// other than the metrics are ignored.
    /// </summary>
    /// <param name="examples">Number of examples the metrics were computed on.</param>
    /// <param name="values">The map; every cut-off present needs all five metrics.</param>
    /// <exception cref="InvalidDataException">A cut-off lacks one of its metrics.</exception>
    public static MetricsReport FromDictionary(int examples, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var cutoffs = values.Keys
            .Where(k => k.StartsWith("hit_rate@", StringComparison.Ordinal))
            .Select(k => int.Parse(k["hit_rate@".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .ToList();
        var atK = new List<MetricsAtK>(cutoffs.Count);
        foreach (var k in cutoffs)
        {
            double Get(string name) => values.TryGetValue($"{name}@{k}", out var v)
                ? v
                : throw new InvalidDataException($"The metrics have hit_rate@{k} but no {name}@{k}.");
            atK.Add(new MetricsAtK(k, Get("hit_rate"), Get("mrr"), Get("ndcg"), Get("coverage"), Get("popularity")));
        }
        return new MetricsReport(examples, atK);
    }
}
