using Tagnn.Data;

namespace Tagnn.Evaluation;

/// <summary>Training click counts per item.</summary>
public static class ItemPopularity
{
    /// <summary>
    /// Counts every item's clicks in the training sessions. A session's clicks are its first (longest) example's
    /// prefix plus that example's target (<see cref="SessionDataset.SessionStarts"/>), so each click counts once even
    /// though the augmented examples repeat it.
    /// </summary>
    /// <param name="train">The training examples in the reference order.</param>
    /// <param name="itemCount">N; the result has N + 1 entries (index 0, padding, stays 0).</param>
    public static long[] FromTrain(SessionDataset train, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.MaxItemId > itemCount)
            throw new ArgumentException($"The data uses item {train.MaxItemId}, beyond N = {itemCount}.", nameof(itemCount));
        var counts = new long[itemCount + 1];
        foreach (var start in train.SessionStarts())
        {
            foreach (var item in train.Prefix(start)) counts[item]++;
            counts[train.Target(start)]++;
        }
        return counts;
    }
}
