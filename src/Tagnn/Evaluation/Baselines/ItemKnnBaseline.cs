using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// Item-KNN (Sarwar et al., WWW 2001, in the session form of Hidasi et al., ICLR 2016): recommends the items most
/// similar to the last click, where two items are similar when they occur in the same training sessions.
/// </summary>
/// <remarks>
/// sim(i, j) = c(i, j) / ((supp(i) + λ)^α (supp(j) + λ)^(1 - α)), with c(i, j) the number of training sessions
/// containing both items and supp(i) the number containing i; with α = 0.5 and λ = 0 it is the cosine of the two
/// items' session vectors. The score of j for a prefix is sim(last click, j) for the <see cref="ItemKnnSpec.Neighbours"/>
/// most similar j ≠ last click (ties: lower id), 0 for every other item. Fitting visits, for each item, the sessions of
/// its inverted list (work: the sum over sessions of their squared length), keeping only each item's neighbour list.
/// </remarks>
public sealed class ItemKnnBaseline : ISessionBaseline
{
    private readonly int[][] neighbours;      // neighbours[i] = the most similar items of i, best first
    private readonly double[][] similarities; // their similarities

    /// <summary>Fits on training examples in the reference order.</summary>
    public ItemKnnBaseline(SessionDataset train, int itemCount, ItemKnnSpec? spec = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        spec ??= new ItemKnnSpec();
        spec.Validate();
        Spec = spec;
        ItemCount = itemCount;
        var sessions = new TrainingSessions(train, itemCount);
        Popularity = sessions.Popularity;
        TieOrder = ItemOrder.ById(itemCount);

        var left = new double[itemCount + 1];   // (supp(i) + λ)^α
        var right = new double[itemCount + 1];  // (supp(j) + λ)^(1 - α)
        for (var i = 1; i <= itemCount; i++)
        {
            var support = sessions.SessionsOf(i).Length;
            left[i] = Math.Pow(support + spec.Lambda, spec.Alpha);
            right[i] = Math.Pow(support + spec.Lambda, 1 - spec.Alpha);
        }
        neighbours = new int[itemCount + 1][];
        similarities = new double[itemCount + 1][];
        neighbours[0] = [];
        similarities[0] = [];
        Parallel.For(1, itemCount + 1, () => new RowBuffer(itemCount), (i, _, buffer) =>
        {
            (neighbours[i], similarities[i]) = buffer.Row(sessions, i, spec.Neighbours, left, right);
            return buffer;
        }, _ => { });
    }

    /// <inheritdoc />
    public BaselineSpec Spec { get; }

    /// <inheritdoc />
    public int ItemCount { get; }

    /// <inheritdoc />
    public long[] Popularity { get; }

    /// <inheritdoc />
    public ItemOrder TieOrder { get; }

    /// <summary>The most similar items of <paramref name="item"/>, best first, with their similarities.</summary>
    public (IReadOnlyList<int> Items, IReadOnlyList<double> Similarities) NeighboursOf(int item) => (neighbours[item], similarities[item]);

    /// <inheritdoc />
    public void Score(ReadOnlySpan<int> prefix, SparseScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (prefix.IsEmpty) return;
        var last = prefix[^1];
        if ((uint)(last - 1) >= (uint)ItemCount) return;
        var items = neighbours[last];
        var sims = similarities[last];
        for (var r = 0; r < items.Length; r++) scores.Add(items[r], sims[r]);
    }

    /// <summary>One thread's co-occurrence counts.</summary>
    private sealed class RowBuffer(int itemCount)
    {
        private readonly int[] count = new int[itemCount + 1];
        private readonly List<int> touched = [];

        public (int[] Items, double[] Similarities) Row(TrainingSessions sessions, int i, int keep, double[] left, double[] right)
        {
            foreach (var s in sessions.SessionsOf(i))
            {
                foreach (var j in sessions.Distinct(s))
                {
                    if (j == i) continue;
                    if (count[j]++ == 0) touched.Add(j);
                }
            }
            var candidates = new (double Similarity, int Item)[touched.Count];
            for (var t = 0; t < touched.Count; t++)
            {
                var j = touched[t];
                candidates[t] = (count[j] / (left[i] * right[j]), j);
                count[j] = 0;
            }
            touched.Clear();
            Array.Sort(candidates, (a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Item.CompareTo(b.Item));
            var n = Math.Min(keep, candidates.Length);
            var items = new int[n];
            var sims = new double[n];
            for (var r = 0; r < n; r++) (sims[r], items[r]) = candidates[r];
            return (items, sims);
        }
    }
}
