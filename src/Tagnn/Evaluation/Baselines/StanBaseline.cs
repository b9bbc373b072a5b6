using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// STAN, sequence- and time-aware neighbourhood (Garg et al., SIGIR 2019): SKNN with three exponential decays, over
/// the positions of the current session (λ1), the age of the neighbour session (λ2) and the distance, inside the
/// neighbour, from the item it shares with the current session (λ3).
/// </summary>
/// <remarks>
/// <para>For a prefix of L clicks with distinct items s: w1(i) = exp((p(i) - L) / λ1), p(i) the position of the last
/// click on i (1..L). Candidates: the m most recent training sessions sharing an item.
/// sim(s, n) = Σ_{i ∈ s ∩ n} w1(i) / sqrt(|s| |n|) (the paper's normalisation by the numbers of distinct items)
/// times w2(n) = exp(-(t_now - t(n)) / λ2); the k best with sim > 0 are kept (ties: the more recent session).</para>
/// <para>Time: the prepared datasets carry no timestamps, only the date order of the training sessions, so the time of
/// training session r (0-based, date order) of S is t = r / S and every test prefix is at t_now = 1 (the test
/// sessions all follow the training ones). Only the neighbours' relative times matter (t_now multiplies every
/// similarity by the same factor), so this is exact up to using the session rank instead of the clock.</para>
/// <para>Score of j = Σ over kept n containing j of sim(s, n) · exp(-|p_n(j) - p_n(i*)| / λ3), where i* is the most
/// recently clicked item of s that n contains and p_n(x) the position of the last click on x in n.</para>
/// </remarks>
public sealed class StanBaseline : ISessionBaseline
{
    private readonly TrainingSessions sessions;
    private readonly StanSpec spec;
    private readonly double[] recency;        // w2 per training session
    private readonly double[] distanceWeight; // w3 per distance 0..longest session

    /// <summary>Builds the index from training examples in the reference order.</summary>
    public StanBaseline(SessionDataset train, int itemCount, StanSpec? spec = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        this.spec = spec ?? new StanSpec();
        this.spec.Validate();
        ItemCount = itemCount;
        sessions = new TrainingSessions(train, itemCount);
        TieOrder = ItemOrder.ById(itemCount);
        var total = (double)sessions.Count;
        recency = new double[sessions.Count];
        for (var r = 0; r < sessions.Count; r++) recency[r] = Math.Exp(-(1 - r / total) / this.spec.Lambda2);
        distanceWeight = new double[sessions.MaxLength + 1];
        for (var d = 0; d < distanceWeight.Length; d++) distanceWeight[d] = Math.Exp(-d / this.spec.Lambda3);
    }

    /// <inheritdoc />
    public BaselineSpec Spec => spec;

    /// <inheritdoc />
    public int ItemCount { get; }

    /// <inheritdoc />
    public long[] Popularity => sessions.Popularity;

    /// <inheritdoc />
    public ItemOrder TieOrder { get; }

    /// <inheritdoc />
    public void Score(ReadOnlySpan<int> prefix, SparseScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ws = scores.Workspace(this, () => new KnnWorkspace(ItemCount, spec.SampleSize));
        ws.Load(prefix, ItemCount);
        for (var j = 0; j < ws.ItemCount; j++) ws.Weight[j] = Math.Exp((ws.LastPosition[j] - ws.Length) / spec.Lambda1);
        var count = NeighbourSearch.Collect(sessions, ws, spec.SampleSize);
        for (var c = 0; c < count; c++)
        {
            var n = ws.CandidateSession[c];
            ws.Similarity[c] = ws.CandidateOverlap[c] / Math.Sqrt((double)ws.DistinctCount * sessions.DistinctCount(n)) * recency[n];
        }
        var kept = NeighbourSearch.SelectBest(ws, count, spec.Neighbours);
        for (var r = 0; r < kept; r++)
        {
            var c = ws.Selected[r];
            var n = ws.CandidateSession[c];
            var items = sessions.Distinct(n);
            var positions = sessions.LastPositions(n);
            var star = positions[items.BinarySearch(ws.Items[ws.CandidateStar[c]])];
            var similarity = ws.Similarity[c];
            for (var t = 0; t < items.Length; t++) scores.Add(items[t], similarity * distanceWeight[Math.Abs(positions[t] - star)]);
        }
    }
}
