using Tagnn.Data;

namespace Tagnn.Training;

/// <summary>
/// Splits examples by SESSION: every example (prefix) of a session goes to the same side, so no validation target
/// was seen as a training target of the same session. (The reference's <c>--validation</c> splits the augmented
/// examples instead, so prefixes of one session fall on both sides.) Sessions are recovered from the reference order
/// with <see cref="SessionDataset.SessionStarts"/>.
/// </summary>
public static class SessionSplit
{
    /// <summary>
    /// Holds out round(<paramref name="fraction"/> x sessions) sessions (at least one, and at least one is kept),
    /// drawn without replacement by a seeded shuffle; both sides keep the original order.
    /// </summary>
    /// <param name="data">Examples in the reference order.</param>
    /// <param name="fraction">Share of sessions held out, in (0, 1).</param>
    /// <param name="seed">The draw is a pure function of the seed and the data.</param>
    /// <returns>The kept and the held-out examples.</returns>
    public static (SessionDataset Kept, SessionDataset HeldOut) BySession(SessionDataset data, double fraction, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(fraction is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must be in (0, 1).");
        var starts = data.SessionStarts();
        if (starts.Count < 2)
            throw new ArgumentException($"A split by session needs at least 2 sessions; the data has {starts.Count}.", nameof(data));
        var heldCount = Math.Clamp((int)Math.Round(fraction * starts.Count), 1, starts.Count - 1);

        // Fisher-Yates over session numbers with a generator fixed by this library's code (stable across runtimes).
        var sessions = Enumerable.Range(0, starts.Count).ToArray();
        new DeterministicRandom(unchecked((ulong)seed ^ 0x5EED5EED5EED5EEDUL)).Shuffle(sessions.AsSpan());
        var held = new bool[starts.Count];
        foreach (var s in sessions.AsSpan(0, heldCount)) held[s] = true;

        var kept = new List<int>(data.Count);
        var heldOut = new List<int>();
        for (var s = 0; s < starts.Count; s++)
        {
            var end = s + 1 < starts.Count ? starts[s + 1] : data.Count;
            var target = held[s] ? heldOut : kept;
            for (var i = starts[s]; i < end; i++) target.Add(i);
        }
        return (data.Subset(kept), data.Subset(heldOut));
    }

    /// <summary>The first whole sessions of <paramref name="data"/> holding at most <paramref name="maxExamples"/>
    /// examples (at least one session), for smoke runs on a subset.</summary>
    public static SessionDataset FirstSessions(SessionDataset data, int maxExamples)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExamples, 1);
        if (maxExamples >= data.Count) return data;
        var starts = data.SessionStarts();
        var end = 0;                                       // the largest session boundary within the budget
        for (var s = 1; s < starts.Count && starts[s] <= maxExamples; s++) end = starts[s];
        if (end == 0) end = starts.Count > 1 ? starts[1] : data.Count; // at least the first session
        return data.Slice(0, end);
    }
}
