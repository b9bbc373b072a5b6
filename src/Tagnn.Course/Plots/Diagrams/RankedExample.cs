namespace Tagnn.Course;

/// <summary>One ranked list of a worked metrics example: a session's items as a model ranked them, and the item the
/// user clicked next.</summary>
/// <param name="Name">A label for the row (e.g. "session A").</param>
/// <param name="Ranking">Item ids, best first (at least as long as the cut-off, or the whole catalogue).</param>
/// <param name="Target">The clicked item.</param>
public sealed record RankedExample(string Name, IReadOnlyList<int> Ranking, int Target)
{
    /// <summary>The target's 1-based rank in <see cref="Ranking"/>, or null when it is not in the list.</summary>
    public int? Rank => Ranking.IndexOf(Target) is var i and >= 0 ? i + 1 : null;
}
