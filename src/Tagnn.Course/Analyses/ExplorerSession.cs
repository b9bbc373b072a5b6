using System.Globalization;

namespace Tagnn.Course;

/// <summary>
/// A test session picked for the attention explorer (<see cref="AttentionExplorer.Choose"/>), with what made it
/// interesting.
/// </summary>
/// <param name="Index">Its position in the list it was chosen from (test-set order).</param>
/// <param name="Clicks">The clicks (ids 1..N), oldest first.</param>
/// <param name="Target">The next click.</param>
/// <param name="Topics">Distinct planted topics among the clicks.</param>
/// <param name="Rank">The model's rank of the next click among all items (1 = best).</param>
/// <param name="Hit">Whether the next click is in the model's top k.</param>
/// <param name="ReturnsToEarlierTopic">Whether the next click's topic is not the last click's but an earlier click's:
/// the case where the clue is an earlier click, and target attention has something to find.</param>
public sealed record ExplorerSession(int Index, int[] Clicks, int Target, int Topics, int Rank, bool Hit, bool ReturnsToEarlierTopic)
{
    /// <summary>The length group: 2-3, 4-6 or 7+ clicks.</summary>
    public string LengthGroup => Clicks.Length switch { <= 3 => "2-3", <= 6 => "4-6", _ => "7+" };

    /// <summary>A short label for the explorer's dropdown, e.g. <c>5 clicks · 2 topics · back to an earlier topic · hit (rank 2)</c>.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture,
        $"{Clicks.Length} clicks · {Topics} topic{(Topics == 1 ? "" : "s")}{(ReturnsToEarlierTopic ? " · back to an earlier topic" : "")} · " +
        $"{(Hit ? "hit" : "miss")} (rank {Rank})");

    /// <inheritdoc />
    public override string ToString() => Label;
}
