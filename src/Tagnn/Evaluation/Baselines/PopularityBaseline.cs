using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// POP: recommends the items clicked most often in training, the same list for every session (ties: lower id
/// first). The floor every session-based model must clear.
/// </summary>
/// <remarks>As an <see cref="ISessionBaseline"/> it scores nothing: its whole ranking is its
/// <see cref="TieOrder"/>, the items by training clicks.</remarks>
public sealed class PopularityBaseline : ISessionBaseline
{
    private readonly long[] popularity;
    private readonly ItemOrder order;

    /// <summary>Builds the ranking from training click counts (length N + 1, index 0 ignored).</summary>
    public PopularityBaseline(long[] itemPopularity)
    {
        ArgumentNullException.ThrowIfNull(itemPopularity);
        popularity = itemPopularity;
        order = ItemOrder.ByPopularity(itemPopularity);
    }

    /// <summary>Builds the baseline from a training set.</summary>
    public static PopularityBaseline FromTrain(SessionDataset train, int itemCount) =>
        new(ItemPopularity.FromTrain(train, itemCount));

    /// <inheritdoc />
    public BaselineSpec Spec { get; } = new PopSpec();

    /// <summary>Number of candidate items N.</summary>
    public int ItemCount => order.ItemCount;

    /// <inheritdoc />
    public long[] Popularity => popularity;

    /// <inheritdoc />
    public ItemOrder TieOrder => order;

    /// <summary>The top <paramref name="k"/> items (ids), most popular first.</summary>
    public IReadOnlyList<int> Top(int k)
    {
        var list = new int[Math.Min(k, ItemCount)];
        for (var p = 0; p < list.Length; p++) list[p] = order.ItemAt(p);
        return list;
    }

    /// <inheritdoc />
    public void Score(ReadOnlySpan<int> prefix, SparseScores scores)
    {
        // The same ranking for every prefix: nothing to score.
    }

    /// <summary>Evaluates the baseline on <paramref name="test"/> with the same metrics as the models.</summary>
    public MetricsReport Evaluate(SessionDataset test, IReadOnlyList<int>? cutoffs = null) =>
        BaselineEvaluator.Evaluate(this, test, cutoffs);
}
