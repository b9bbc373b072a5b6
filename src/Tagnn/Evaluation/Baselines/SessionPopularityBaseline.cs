using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// S-POP, session popularity (the baseline of Hidasi et al., ICLR 2016): the items of the current session ranked by
/// how often they were clicked in it; ties, and every item the session has not clicked, by global (training)
/// popularity, then by lower id.
/// </summary>
/// <remarks>
/// The score of an item is its click count in the prefix; the tie order is <see cref="ItemOrder.ByPopularity"/>.
/// This is the strict lexicographic order (session count, training clicks, id), which is what session-rec's
/// <c>count + pop / (pop + 1)</c> computes, without its floating-point tie.
/// </remarks>
public sealed class SessionPopularityBaseline : ISessionBaseline
{
    /// <summary>Counts the training clicks.</summary>
    public SessionPopularityBaseline(SessionDataset train, int itemCount)
    {
        Popularity = ItemPopularity.FromTrain(train, itemCount);
        TieOrder = ItemOrder.ByPopularity(Popularity);
        ItemCount = itemCount;
    }

    /// <inheritdoc />
    public BaselineSpec Spec { get; } = new SpopSpec();

    /// <inheritdoc />
    public int ItemCount { get; }

    /// <inheritdoc />
    public long[] Popularity { get; }

    /// <inheritdoc />
    public ItemOrder TieOrder { get; }

    /// <inheritdoc />
    public void Score(ReadOnlySpan<int> prefix, SparseScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        foreach (var item in prefix)
        {
            if ((uint)(item - 1) < (uint)ItemCount) scores.Add(item, 1);
        }
    }
}
