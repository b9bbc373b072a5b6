using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// V-SKNN, vector-multiplication session kNN (Ludewig and Jannach, UMUAI 2018): SKNN where the current session is a
/// real-valued vector that weights recent clicks more, and a neighbour's votes are discounted by how long ago the
/// current session last touched it.
/// </summary>
/// <remarks>
/// For a prefix of L clicks with distinct items s: w(i) = <see cref="DecayFunctions.Position"/> of the last click on i.
/// Candidates: the m most recent training sessions sharing an item (as SKNN). Similarity (session-rec's "vec"):
/// sim(s, n) = Σ_{i ∈ s ∩ n} w(i) / |s|; the k most similar with sim > 0 are kept (ties: the more recent session).
/// Score of j = Σ over kept n containing j of sim(s, n) · g(step(n)) · (1 + w_idf ln(S / clicks(j))), where step(n) = L
/// - (position of the last click of s on an item of n) + 1, i.e. 1 when n contains the last click, and
/// g = <see cref="DecayFunctions.Step"/> of the score weighting. S = training sessions, clicks(j) = training clicks.
/// </remarks>
public sealed class VectorSessionKnnBaseline : ISessionBaseline
{
    private readonly TrainingSessions sessions;
    private readonly VsknnSpec spec;
    private readonly double[] idfFactor;   // 1 + w ln(S / clicks(j))

    /// <summary>Builds the index from training examples in the reference order.</summary>
    public VectorSessionKnnBaseline(SessionDataset train, int itemCount, VsknnSpec? spec = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        this.spec = spec ?? new VsknnSpec();
        this.spec.Validate();
        ItemCount = itemCount;
        sessions = new TrainingSessions(train, itemCount);
        TieOrder = ItemOrder.ById(itemCount);
        idfFactor = new double[itemCount + 1];
        for (var j = 1; j <= itemCount; j++)
        {
            var clicks = sessions.Popularity[j];
            idfFactor[j] = clicks == 0 ? 1 : 1 + this.spec.IdfWeight * Math.Log((double)sessions.Count / clicks);
        }
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
        for (var j = 0; j < ws.ItemCount; j++) ws.Weight[j] = DecayFunctions.Position(spec.PositionWeighting, ws.LastPosition[j], ws.Length);
        var count = NeighbourSearch.Collect(sessions, ws, spec.SampleSize);
        for (var c = 0; c < count; c++) ws.Similarity[c] = ws.CandidateOverlap[c] / ws.DistinctCount;
        var kept = NeighbourSearch.SelectBest(ws, count, spec.Neighbours);
        for (var r = 0; r < kept; r++)
        {
            var c = ws.Selected[r];
            var step = ws.Length - ws.LastPosition[ws.CandidateStar[c]] + 1;
            var vote = ws.Similarity[c] * DecayFunctions.Step(spec.ScoreWeighting, step);
            if (vote == 0) continue;
            foreach (var item in sessions.Distinct(ws.CandidateSession[c])) scores.Add(item, vote * idfFactor[item]);
        }
    }
}
