using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Evaluation;

/// <summary>
/// Accumulates ranking metrics over batches of scores. Scores are over items 1..N (column j is item j + 1), as the
/// reference code computes them; targets are 1-based item ids. Every item is a candidate (items already in the
/// session are not masked), as in the reference evaluation.
/// </summary>
/// <remarks>
/// Ties are broken deterministically: among equal scores the lower item id ranks first. The rank of the target is
/// therefore 1 + #(items scoring higher) + #(items scoring the same with a lower id), computed exactly on the
/// scores' device without sorting.
/// </remarks>
public sealed class RankingMetrics
{
    /// <summary>The cut-offs reported by default.</summary>
    public static readonly IReadOnlyList<int> DefaultCutoffs = [5, 10, 20];

    private readonly int itemCount;
    private readonly int[] cutoffs;
    private readonly long[]? popularity;
    private readonly double[] hits, reciprocal, gains, popularitySum;
    private readonly bool[][] recommended;
    private int examples;

    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="itemCount">N, the number of candidate items (ids 1..N).</param>
    /// <param name="cutoffs">The cut-offs K (default 5, 10, 20).</param>
    /// <param name="itemPopularity">Training click counts indexed by item id (length N + 1), for the popularity
    /// metric; null reports 0.</param>
    public RankingMetrics(int itemCount, IReadOnlyList<int>? cutoffs = null, long[]? itemPopularity = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        this.itemCount = itemCount;
        this.cutoffs = [.. (cutoffs ?? DefaultCutoffs).Order()];
        if (this.cutoffs.Length == 0 || this.cutoffs[0] < 1)
            throw new ArgumentException("Cut-offs must be positive.", nameof(cutoffs));
        if (itemPopularity is not null && itemPopularity.Length != itemCount + 1)
            throw new ArgumentException($"itemPopularity must have N + 1 = {itemCount + 1} entries.", nameof(itemPopularity));
        popularity = itemPopularity;
        hits = new double[this.cutoffs.Length];
        reciprocal = new double[this.cutoffs.Length];
        gains = new double[this.cutoffs.Length];
        popularitySum = new double[this.cutoffs.Length];
        recommended = [.. this.cutoffs.Select(_ => new bool[itemCount + 1])];
    }

    /// <summary>The largest cut-off: top-K lists must be at least this long.</summary>
    public int MaxCutoff => cutoffs[^1];

    /// <summary>Number of examples added so far.</summary>
    public int Count => examples;

    /// <summary>Adds a batch.</summary>
    /// <param name="scores">(B, N) scores, column j for item j + 1.</param>
    /// <param name="targets">(B) target item ids, 1..N.</param>
    public void Add(Tensor scores, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(targets);
        if (scores.dim() != 2 || scores.shape[1] != itemCount)
            throw new ArgumentException($"scores must be (B, {itemCount}); got ({string.Join(", ", scores.shape)}).", nameof(scores));
        using var scope = NewDisposeScope();
        var ranks = Ranks(scores, targets).cpu().data<long>().ToArray();
        AddRanks(ranks);
        var lists = TopK(scores, cutoffs[^1]);
        AddRecommendations(lists);
    }

    /// <summary>Adds the 1-based ranks of a batch's targets (the ranking part of <see cref="Add"/>).</summary>
    public void AddRanks(ReadOnlySpan<long> ranks)
    {
        foreach (var rank in ranks)
        {
            if (rank < 1) throw new ArgumentOutOfRangeException(nameof(ranks), rank, "Ranks start at 1.");
            for (var c = 0; c < cutoffs.Length; c++)
            {
                if (rank > cutoffs[c]) continue;
                hits[c] += 1;
                reciprocal[c] += 1.0 / rank;
                gains[c] += 1.0 / Math.Log2(rank + 1);
            }
        }
        examples += ranks.Length;
    }

    /// <summary>Adds top-K lists (1-based item ids, best first; at least max K long) for coverage and popularity.</summary>
    public void AddRecommendations(IReadOnlyList<int[]> lists)
    {
        foreach (var list in lists)
        {
            for (var c = 0; c < cutoffs.Length; c++)
            {
                var k = Math.Min(cutoffs[c], list.Length);
                for (var i = 0; i < k; i++)
                {
                    recommended[c][list[i]] = true;
                    if (popularity is not null) popularitySum[c] += popularity[list[i]];
                }
            }
        }
    }

    /// <summary>The metrics over everything added.</summary>
    public MetricsReport Result()
    {
        var n = Math.Max(examples, 1);
        var atK = new List<MetricsAtK>(cutoffs.Length);
        for (var c = 0; c < cutoffs.Length; c++)
        {
            var covered = recommended[c].Count(x => x);
            atK.Add(new MetricsAtK(
                cutoffs[c],
                HitRate: 100.0 * hits[c] / n,
                Mrr: 100.0 * reciprocal[c] / n,
                Ndcg: 100.0 * gains[c] / n,
                Coverage: 100.0 * covered / itemCount,
                MeanPopularity: popularity is null ? 0 : popularitySum[c] / ((double)n * cutoffs[c])));
        }
        return new MetricsReport(examples, atK);
    }

    /// <summary>
    /// The 1-based rank of each target among all N items, ties broken by lower item id:
    /// 1 + #(score &gt; target's) + #(score == target's and id &lt; target's).
    /// </summary>
    /// <param name="scores">(B, N) scores, column j for item j + 1.</param>
    /// <param name="targets">(B) target ids 1..N.</param>
    /// <returns>(B) int64 ranks on the scores' device.</returns>
    public static Tensor Ranks(Tensor scores, Tensor targets)
    {
        using var scope = NewDisposeScope();
        var column = (targets.to(scores.device).to_type(ScalarType.Int64) - 1).unsqueeze(1);  // (B, 1)
        var targetScore = scores.gather(1, column);                                           // (B, 1)
        var ids = arange(scores.shape[1], dtype: ScalarType.Int64, device: scores.device).unsqueeze(0); // (1, N)
        var better = scores.gt(targetScore).sum(1);
        var tiedBefore = scores.eq(targetScore).bitwise_and(ids.lt(column)).sum(1);  // bitwise_and: a meta kernel, unlike logical_and
        return (better + tiedBefore + 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The top <paramref name="k"/> item ids (1-based) of each row, best first, ties broken by lower id, so the
    /// lists are the same on every run and device.
    /// </summary>
    public static int[][] TopK(Tensor scores, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        using var scope = NewDisposeScope();
        k = (int)Math.Min(k, scores.shape[1]);
        var (values, _) = scores.topk(k, dim: 1);                      // (B, k)
        var kth = values[TensorIndex.Colon, TensorIndex.Slice(k - 1, k)];  // (B, 1)
        // Every item scoring at least the k-th value is a candidate; the candidates are few (k plus ties).
        var candidates = scores.ge(kth).nonzero().cpu();                // (M, 2): row, column
        var candidateScores = scores.ge(kth).to_type(ScalarType.Bool);
        var picked = scores.masked_select(candidateScores).cpu().to_type(ScalarType.Float64).data<double>().ToArray();
        var pairs = candidates.data<long>().ToArray();
        var rows = (int)scores.shape[0];
        var perRow = new List<(double Score, int Id)>[rows];
        for (var r = 0; r < rows; r++) perRow[r] = new List<(double, int)>(k + 4);
        for (var m = 0; m < picked.Length; m++)
            perRow[pairs[2 * m]].Add((picked[m], (int)pairs[2 * m + 1] + 1));
        var result = new int[rows][];
        for (var r = 0; r < rows; r++)
        {
            var list = perRow[r];
            list.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
            result[r] = [.. list.Take(k).Select(x => x.Id)];
        }
        return result;
    }
}
