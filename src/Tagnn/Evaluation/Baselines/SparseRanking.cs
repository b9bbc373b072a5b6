namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// Ranks and top-k lists from sparse scores, with the library's tie rule: a higher score first; equal scores in
/// <see cref="ItemOrder"/> (by default the lower item id first); the items a baseline did not score count as score 0,
/// so they follow every positively scored item, in that same order. This is exactly what
/// <see cref="RankingMetrics.Ranks"/> and <see cref="RankingMetrics.TopK"/> compute on a dense score matrix.
/// </summary>
public static class SparseRanking
{
    /// <summary>
    /// The 1-based rank of <paramref name="target"/> among all N items: 1 + #(items scoring higher) + #(items scoring
    /// the same and earlier in <paramref name="order"/>). Costs O(listed items).
    /// </summary>
    public static long Rank(SparseScores scores, int target, ItemOrder order)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(order);
        if (order.ItemCount != scores.ItemCount)
            throw new ArgumentException($"The order has {order.ItemCount} items, the scores {scores.ItemCount}.", nameof(order));
        if ((uint)(target - 1) >= (uint)scores.ItemCount)
            throw new ArgumentOutOfRangeException(nameof(target), target, $"Targets are 1..{scores.ItemCount}.");
        var t = scores[target];
        var pt = order.PositionOf(target);
        long rank = 1;
        var listedBefore = 0;   // listed items (other than the target) earlier in the order
        foreach (var item in scores.Items)
        {
            if (item == target) continue;
            var s = scores[item];
            var before = order.PositionOf(item) < pt;
            if (s > t || (s == t && before)) rank++;
            if (before) listedBefore++;
        }
        // Unlisted items score 0: all of them rank above a negative target; with a target at 0, those earlier in the order.
        var unlisted = scores.ItemCount - scores.Count - (scores.Contains(target) ? 0 : 1);
        if (t < 0) rank += unlisted;
        else if (t == 0) rank += pt - listedBefore;
        return rank;
    }

    /// <summary>The 1-based rank of <paramref name="target"/> with ties by lower id.</summary>
    public static long Rank(SparseScores scores, int target) => Rank(scores, target, ItemOrder.ById(scores.ItemCount));

    /// <summary>
    /// The <paramref name="k"/> best items, best first (at most N): the positively scored items by score, then the
    /// items at score 0 in <paramref name="order"/>, then any negatively scored ones. Costs about O(listed items + k).
    /// </summary>
    public static int[] Top(SparseScores scores, int k, ItemOrder order)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (order.ItemCount != scores.ItemCount)
            throw new ArgumentException($"The order has {order.ItemCount} items, the scores {scores.ItemCount}.", nameof(order));
        k = Math.Min(k, scores.ItemCount);
        var result = new int[k];
        var filled = BestPositive(scores, order, result);
        for (var p = 0; filled < k && p < order.ItemCount; p++)
        {
            var item = order.ItemAt(p);
            if (scores[item] == 0) result[filled++] = item;
        }
        if (filled < k)
        {
            var negatives = new List<int>();
            foreach (var item in scores.Items) if (scores[item] < 0) negatives.Add(item);
            negatives.Sort((a, b) => Compare(scores, order, a, b));
            foreach (var item in negatives.Take(k - filled)) result[filled++] = item;
        }
        return result;
    }

    /// <summary>The top <paramref name="k"/> with ties by lower id.</summary>
    public static int[] Top(SparseScores scores, int k) => Top(scores, k, ItemOrder.ById(scores.ItemCount));

    /// <summary>The rank of <paramref name="target"/> under a dictionary of scores over items 1..<paramref name="itemCount"/>, ties by lower id.</summary>
    public static long Rank(IReadOnlyDictionary<int, double> scores, int target, int itemCount) =>
        Rank(FromDictionary(scores, itemCount), target);

    /// <summary>The top <paramref name="k"/> under a dictionary of scores over items 1..<paramref name="itemCount"/>, ties by lower id.</summary>
    public static int[] Top(IReadOnlyDictionary<int, double> scores, int k, int itemCount) =>
        Top(FromDictionary(scores, itemCount), k);

    /// <summary>-1 when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    private static int Compare(SparseScores scores, ItemOrder order, int a, int b)
    {
        var sa = scores[a];
        var sb = scores[b];
        return sa != sb ? sb.CompareTo(sa) : order.PositionOf(a).CompareTo(order.PositionOf(b));
    }

    /// <summary>Writes the best positively scored items (at most result.Length), best first; returns how many.</summary>
    private static int BestPositive(SparseScores scores, ItemOrder order, int[] result)
    {
        // A bounded heap whose root is the worst kept item: one comparison rejects most candidates.
        var k = result.Length;
        var heap = result;
        var size = 0;
        foreach (var item in scores.Items)
        {
            if (!(scores[item] > 0)) continue;
            if (size < k)
            {
                heap[size] = item;
                SiftUp(heap, size++, scores, order);
            }
            else if (Compare(scores, order, item, heap[0]) < 0)
            {
                heap[0] = item;
                SiftDown(heap, size, scores, order);
            }
        }
        Array.Sort(heap, 0, size, Comparer<int>.Create((a, b) => Compare(scores, order, a, b)));
        return size;
    }

    // Heap order: a parent ranks after (is worse than) its children.
    private static void SiftUp(int[] heap, int i, SparseScores scores, ItemOrder order)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (Compare(scores, order, heap[parent], heap[i]) >= 0) break;
            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private static void SiftDown(int[] heap, int size, SparseScores scores, ItemOrder order)
    {
        var i = 0;
        while (true)
        {
            var worst = i;
            var left = 2 * i + 1;
            var right = left + 1;
            if (left < size && Compare(scores, order, heap[left], heap[worst]) > 0) worst = left;
            if (right < size && Compare(scores, order, heap[right], heap[worst]) > 0) worst = right;
            if (worst == i) return;
            (heap[worst], heap[i]) = (heap[i], heap[worst]);
            i = worst;
        }
    }

    private static SparseScores FromDictionary(IReadOnlyDictionary<int, double> scores, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sparse = new SparseScores(itemCount);
        foreach (var (item, score) in scores.OrderBy(p => p.Key)) sparse.Set(item, score);
        return sparse;
    }
}
