using Tagnn.Data;

namespace Tagnn.Evaluation;

/// <summary>
/// SKNN, session-based k-nearest neighbours (Jannach and Ludewig, RecSys 2017): score each item by the summed
/// similarity of the most similar past sessions that contain it. No training beyond an inverted index; under one
/// fair protocol it matches or beats the GNNs on MRR@20 (Shehzad and Jannach, ECIR 2024), so every table that shows
/// TAGNN should show it.
/// </summary>
/// <remarks>
/// Neighbours: among the training sessions sharing at least one item with the current prefix, the
/// <see cref="SampleSize"/> most recent (training sessions are in date order) are compared by cosine similarity of
/// their item sets, |s ∩ n| / sqrt(|s| |n|), and the <see cref="Neighbours"/> most similar kept (ties: the more recent
/// session). Item score = sum of the similarities of the kept neighbours containing it; items no neighbour contains
/// score 0. Ties rank the lower item id first, as everywhere in this library.
/// </remarks>
public sealed class SessionKnnBaseline
{
    private readonly int[][] sessions;          // distinct items of each training session, date order
    private readonly int[][] sessionsOfItem;    // item -> sessions containing it, ascending
    private readonly long[] popularity;

    /// <summary>Builds the index from training examples in the reference order.</summary>
    /// <param name="train">Training examples.</param>
    /// <param name="itemCount">N, the number of candidate items.</param>
    /// <param name="neighbours">k, neighbours kept per prediction (default 100).</param>
    /// <param name="sampleSize">m, most recent candidate sessions compared (default 500).</param>
    public SessionKnnBaseline(SessionDataset train, int itemCount, int neighbours = 100, int sampleSize = 500)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, neighbours);
        ItemCount = itemCount;
        Neighbours = neighbours;
        SampleSize = sampleSize;
        popularity = ItemPopularity.FromTrain(train, itemCount);

        var starts = train.SessionStarts();
        sessions = new int[starts.Count][];
        var counts = new int[itemCount + 1];
        for (var s = 0; s < starts.Count; s++)
        {
            var set = new SortedSet<int>(train.Prefix(starts[s]).ToArray()) { train.Target(starts[s]) };
            sessions[s] = [.. set];
            foreach (var item in sessions[s]) counts[item]++;
        }
        sessionsOfItem = new int[itemCount + 1][];
        for (var i = 0; i <= itemCount; i++) sessionsOfItem[i] = new int[counts[i]];
        var fill = new int[itemCount + 1];
        for (var s = 0; s < sessions.Length; s++)
            foreach (var item in sessions[s]) sessionsOfItem[item][fill[item]++] = s;
    }

    /// <summary>N, the number of candidate items.</summary>
    public int ItemCount { get; }

    /// <summary>k: neighbours kept per prediction.</summary>
    public int Neighbours { get; }

    /// <summary>m: most recent candidate sessions compared.</summary>
    public int SampleSize { get; }

    /// <summary>Item scores for one session prefix (index = item id; index 0 unused).</summary>
    public double[] Scores(ReadOnlySpan<int> prefix)
    {
        var dense = new double[ItemCount + 1];
        foreach (var (item, score) in SparseScores(prefix)) dense[item] = score;
        return dense;
    }

    /// <summary>The items some neighbour contains, with their scores (every other item scores 0).</summary>
    public Dictionary<int, double> SparseScores(ReadOnlySpan<int> prefix)
    {
        var current = new HashSet<int>();
        foreach (var item in prefix) current.Add(item);

        // Candidate sessions: the union of the posting lists, most recent first, capped at m.
        var candidates = new SortedSet<int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var item in current)
        {
            if (item > ItemCount) continue;
            var posting = sessionsOfItem[item];
            for (var p = posting.Length - 1; p >= 0 && p >= posting.Length - SampleSize; p--) candidates.Add(posting[p]);
        }

        var scored = new List<(double Similarity, int Session)>(Math.Min(candidates.Count, SampleSize));
        foreach (var s in candidates.Take(SampleSize))
        {
            var overlap = 0;
            foreach (var item in sessions[s]) if (current.Contains(item)) overlap++;
            scored.Add((overlap / Math.Sqrt((double)current.Count * sessions[s].Length), s));
        }
        scored.Sort((a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : b.Session.CompareTo(a.Session));

        var scores = new Dictionary<int, double>();
        foreach (var (similarity, s) in scored.Take(Neighbours))
            foreach (var item in sessions[s]) scores[item] = scores.GetValueOrDefault(item) + similarity;
        return scores;
    }

    /// <summary>Evaluates SKNN on <paramref name="test"/> with the same metrics as the models.</summary>
    /// <param name="test">Test examples.</param>
    /// <param name="cutoffs">Cut-offs (default 5, 10, 20).</param>
    /// <param name="progress">Called with the number of examples done, now and then.</param>
    public MetricsReport Evaluate(SessionDataset test, IReadOnlyList<int>? cutoffs = null, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        var metrics = new RankingMetrics(ItemCount, cutoffs, popularity);
        var k = metrics.MaxCutoff;
        var ranks = new long[1];
        var lists = new int[1][];
        for (var i = 0; i < test.Count; i++)
        {
            var scores = SparseScores(test.Prefix(i));
            ranks[0] = Rank(scores, test.Target(i));
            lists[0] = Top(scores, k, ItemCount);
            metrics.AddRanks(ranks);
            metrics.AddRecommendations(lists);
            if (progress is not null && (i + 1) % 1000 == 0) progress(i + 1);
        }
        progress?.Invoke(test.Count);
        return metrics.Result();
    }

    /// <summary>1-based rank of <paramref name="target"/> under sparse scores (others 0): higher scores first,
    /// ties by lower id.</summary>
    internal static long Rank(Dictionary<int, double> scores, int target)
    {
        var t = scores.GetValueOrDefault(target);
        long rank = 1;
        var scoredBelowTarget = 0;
        foreach (var (item, score) in scores)
        {
            if (score > t || (score == t && item < target)) rank++;
            if (item < target) scoredBelowTarget++;
        }
        // With score 0 the target also trails every unscored item with a lower id.
        if (t == 0) rank += (target - 1) - scoredBelowTarget;
        return rank;
    }

    /// <summary>The top <paramref name="k"/> item ids, best first, ties by lower id (unscored items by id).</summary>
    internal static int[] Top(Dictionary<int, double> scores, int k, int itemCount)
    {
        var ranked = scores.Where(p => p.Value > 0).OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key).Take(k).ToList();
        for (var id = 1; ranked.Count < k && id <= itemCount; id++)
            if (!(scores.GetValueOrDefault(id) > 0)) ranked.Add(id);
        return [.. ranked];
    }
}
