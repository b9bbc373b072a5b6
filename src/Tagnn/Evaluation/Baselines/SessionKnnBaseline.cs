using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

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
public sealed class SessionKnnBaseline : ISessionBaseline
{
    private readonly TrainingSessions sessions;

    /// <summary>Builds the index from training examples in the reference order.</summary>
    /// <param name="train">Training examples.</param>
    /// <param name="itemCount">N, the number of candidate items.</param>
    /// <param name="neighbours">k, neighbours kept per prediction (default 100).</param>
    /// <param name="sampleSize">m, most recent candidate sessions compared (default 500).</param>
    public SessionKnnBaseline(SessionDataset train, int itemCount, int neighbours = SknnSpec.DefaultNeighbours,
        int sampleSize = SknnSpec.DefaultSampleSize)
        : this(train, itemCount, new SknnSpec(neighbours, sampleSize))
    {
    }

    /// <summary>Builds the index with the hyper-parameters of <paramref name="spec"/>.</summary>
    public SessionKnnBaseline(SessionDataset train, int itemCount, SknnSpec spec)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
        ItemCount = itemCount;
        sessions = new TrainingSessions(train, itemCount);
        TieOrder = ItemOrder.ById(itemCount);
    }

    /// <inheritdoc />
    public BaselineSpec Spec { get; }

    /// <summary>N, the number of candidate items.</summary>
    public int ItemCount { get; }

    /// <summary>k: neighbours kept per prediction.</summary>
    public int Neighbours => ((SknnSpec)Spec).Neighbours;

    /// <summary>m: most recent candidate sessions compared.</summary>
    public int SampleSize => ((SknnSpec)Spec).SampleSize;

    /// <inheritdoc />
    public long[] Popularity => sessions.Popularity;

    /// <inheritdoc />
    public ItemOrder TieOrder { get; }

    /// <inheritdoc />
    public void Score(ReadOnlySpan<int> prefix, SparseScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ws = scores.Workspace(this, () => new KnnWorkspace(ItemCount, SampleSize));
        ws.Load(prefix, ItemCount);
        Array.Fill(ws.Weight, 1.0, 0, ws.ItemCount);
        var count = NeighbourSearch.Collect(sessions, ws, SampleSize);
        for (var c = 0; c < count; c++)
        {
            // Overlap counts shared items: |s ∩ n| / sqrt(|s| |n|).
            var n = ws.CandidateSession[c];
            ws.Similarity[c] = ws.CandidateOverlap[c] / Math.Sqrt((double)ws.DistinctCount * sessions.DistinctCount(n));
        }
        var kept = NeighbourSearch.SelectBest(ws, count, Neighbours);
        for (var r = 0; r < kept; r++)
        {
            var c = ws.Selected[r];
            var similarity = ws.Similarity[c];
            foreach (var item in sessions.Distinct(ws.CandidateSession[c])) scores.Add(item, similarity);
        }
    }

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
        var scores = new SparseScores(ItemCount);
        Score(prefix, scores);
        return scores.ToDictionary();
    }

    /// <summary>Evaluates SKNN on <paramref name="test"/> with the same metrics as the models.</summary>
    /// <param name="test">Test examples.</param>
    /// <param name="cutoffs">Cut-offs (default 5, 10, 20).</param>
    /// <param name="progress">Called with the number of examples done, now and then.</param>
    /// <param name="threads">Worker threads; 0 = one per core (the result does not depend on it).</param>
    public MetricsReport Evaluate(SessionDataset test, IReadOnlyList<int>? cutoffs = null, Action<int>? progress = null, int threads = 0) =>
        BaselineEvaluator.Evaluate(this, test, cutoffs, threads, progress);
}
