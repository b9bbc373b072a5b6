using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

/// <summary>The sparse neighbour search against a brute force over every training session.</summary>
public sealed class NeighbourSearchTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 40)]
    [InlineData(3, 1000)]
    public void Collect_finds_the_most_recent_sharing_sessions_with_their_weighted_overlaps(int seed, int sampleSize)
    {
        const int items = 30;
        var sessions = BaselineData.RandomSessions(300, items, 8, seed);
        var index = new TrainingSessions(BaselineData.Augment(sessions), items);
        var random = new Random(seed + 100);
        var ws = new KnnWorkspace(items, sampleSize);
        for (var trial = 0; trial < 50; trial++)
        {
            var prefix = BaselineData.RandomSessions(1, items, 10, seed * 1000 + trial)[0];
            ws.Load(prefix, items);
            for (var j = 0; j < ws.ItemCount; j++) ws.Weight[j] = random.NextDouble();
            var count = NeighbourSearch.Collect(index, ws, sampleSize);

            // Brute force: every session sharing an item, most recent first, the first m of them.
            var weightOf = new Dictionary<int, double>();
            var lastOf = new Dictionary<int, int>();
            for (var j = 0; j < ws.ItemCount; j++)
            {
                weightOf[ws.Items[j]] = ws.Weight[j];
                lastOf[ws.Items[j]] = ws.LastPosition[j];
            }
            var expected = Enumerable.Range(0, sessions.Length).Reverse()
                .Where(s => sessions[s].Any(weightOf.ContainsKey)).Take(sampleSize).ToList();
            Assert.Equal(expected, ws.CandidateSession[..count]);
            for (var c = 0; c < count; c++)
            {
                var shared = sessions[expected[c]].Distinct().Where(weightOf.ContainsKey).ToList();
                Assert.Equal(shared.Sum(i => weightOf[i]), ws.CandidateOverlap[c], 12);
                Assert.Equal(shared.Max(i => lastOf[i]), ws.LastPosition[ws.CandidateStar[c]]);
            }
        }
    }

    [Fact]
    public void The_current_session_lists_distinct_items_by_their_last_click()
    {
        var ws = new KnnWorkspace(itemCount: 5, sampleSize: 1);
        ws.Load([3, 1, 3, 9, 2, 1], 5);   // item 9 is beyond N: counted in |s| only
        Assert.Equal([3, 2, 1], ws.Items[..ws.ItemCount]);
        Assert.Equal([3, 5, 6], ws.LastPosition[..ws.ItemCount]);
        Assert.Equal(4, ws.DistinctCount);
        Assert.Equal(6, ws.Length);
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 1)]
    [InlineData(3, 60)]
    public void SelectBest_keeps_the_k_best_by_similarity_then_recency(int seed, int k)
    {
        var random = new Random(seed);
        const int count = 50;
        var ws = new KnnWorkspace(itemCount: 1, sampleSize: count);
        for (var c = 0; c < count; c++)
        {
            ws.CandidateSession[c] = 1000 - 3 * c;                    // most recent first, as Collect leaves them
            ws.Similarity[c] = random.Next(0, 6) / 5.0;                // many ties, some zeros
        }
        var kept = NeighbourSearch.SelectBest(ws, count, k);
        var expected = Enumerable.Range(0, count).Where(c => ws.Similarity[c] > 0)
            .OrderByDescending(c => ws.Similarity[c]).ThenByDescending(c => ws.CandidateSession[c]).Take(k).ToList();
        Assert.Equal(expected, ws.Selected[..kept]);
    }
}
