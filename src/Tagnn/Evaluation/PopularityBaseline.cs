using Tagnn.Data;

namespace Tagnn.Evaluation;

/// <summary>
/// POP: recommends the items clicked most often in training, the same list for every session (ties: lower id
/// first). The floor every session-based model must clear.
/// </summary>
public sealed class PopularityBaseline
{
    private readonly long[] popularity;
    private readonly int[] ranking;   // item ids, most popular first
    private readonly int[] rankOf;    // rankOf[item] = 1-based rank

    /// <summary>Builds the ranking from training click counts (length N + 1, index 0 ignored).</summary>
    public PopularityBaseline(long[] itemPopularity)
    {
        ArgumentNullException.ThrowIfNull(itemPopularity);
        popularity = itemPopularity;
        var n = itemPopularity.Length - 1;
        ranking = [.. Enumerable.Range(1, n).OrderByDescending(i => itemPopularity[i]).ThenBy(i => i)];
        rankOf = new int[n + 1];
        for (var r = 0; r < n; r++) rankOf[ranking[r]] = r + 1;
    }

    /// <summary>Builds the baseline from a training set.</summary>
    public static PopularityBaseline FromTrain(SessionDataset train, int itemCount) =>
        new(ItemPopularity.FromTrain(train, itemCount));

    /// <summary>Number of candidate items N.</summary>
    public int ItemCount => ranking.Length;

    /// <summary>The top <paramref name="k"/> items (ids), most popular first.</summary>
    public IReadOnlyList<int> Top(int k) => ranking[..Math.Min(k, ranking.Length)];

    /// <summary>Evaluates the baseline on <paramref name="test"/> with the same metrics as the models.</summary>
    public MetricsReport Evaluate(SessionDataset test, IReadOnlyList<int>? cutoffs = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        var metrics = new RankingMetrics(ItemCount, cutoffs, popularity);
        var ranks = new long[test.Count];
        for (var i = 0; i < test.Count; i++)
        {
            var target = test.Target(i);
            if (target > ItemCount)
                throw new ArgumentException($"Test example {i} has target {target}, beyond N = {ItemCount}.", nameof(test));
            ranks[i] = rankOf[target];
        }
        metrics.AddRanks(ranks);
        var list = ranking[..Math.Min(metrics.MaxCutoff, ranking.Length)];
        metrics.AddRecommendations(Enumerable.Repeat(list, test.Count).ToList());
        return metrics.Result();
    }
}
