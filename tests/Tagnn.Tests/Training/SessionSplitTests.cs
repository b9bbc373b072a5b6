using Tagnn.Data;
using Tagnn.Training;

namespace Tagnn.Tests.Training;

public sealed class SessionSplitTests
{
    [Fact]
    public void Splits_whole_sessions_keeping_the_order_and_is_a_function_of_the_seed()
    {
        var data = Distinct(50);
        var sessions = Sessions(data);
        var (kept, held) = SessionSplit.BySession(data, 0.2, seed: 3);
        Assert.Equal(data.Count, kept.Count + held.Count);
        var keptSessions = Sessions(kept);
        var heldSessions = Sessions(held);
        Assert.Equal(10, heldSessions.Count);                     // round(0.2 x 50) sessions
        Assert.Equal(40, keptSessions.Count);
        // Every session lands whole on one side, in the original order.
        Assert.Equal(sessions.Select(Key).Order(), keptSessions.Concat(heldSessions).Select(Key).Order());
        Assert.Equal(keptSessions.Select(Key), sessions.Select(Key).Where(k => keptSessions.Select(Key).Contains(k)));
        Assert.Empty(keptSessions.Select(Key).Intersect(heldSessions.Select(Key)));

        var (kept2, held2) = SessionSplit.BySession(data, 0.2, seed: 3);
        Assert.Equal(Sessions(held2).Select(Key), heldSessions.Select(Key));
        var (_, held3) = SessionSplit.BySession(data, 0.2, seed: 4);
        Assert.NotEqual(Sessions(held3).Select(Key), heldSessions.Select(Key));
        Assert.Equal(kept.Count, kept2.Count);
    }

    [Fact]
    public void First_sessions_keeps_whole_sessions_within_the_budget()
    {
        var data = TinyData.Prepared(trainSessions: 30).Train;
        var starts = data.SessionStarts();
        var subset = SessionSplit.FirstSessions(data, starts[5] + 1);
        Assert.Equal(starts[5], subset.Count);                   // sessions 0-4 fit, session 5 would exceed the budget
        Assert.Equal(5, subset.SessionStarts().Count);
        Assert.Equal(starts[1], SessionSplit.FirstSessions(data, 1).Count); // at least one session
        Assert.Same(data, SessionSplit.FirstSessions(data, data.Count));
    }

    [Fact]
    public void Needs_two_sessions_and_a_proper_fraction()
    {
        var data = TinyData.Prepared(trainSessions: 10).Train;
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionSplit.BySession(data, 1.0, 1));
        var one = data.Slice(0, data.SessionStarts()[1]);
        Assert.Contains("at least 2 sessions", Assert.Throws<ArgumentException>(() => SessionSplit.BySession(one, 0.5, 1)).Message);
    }

    // 50 distinct sessions of 2-4 clicks (session k starts with item k + 1), augmented as the reference does.
    private static SessionDataset Distinct(int count) => SessionDataset.FromExamples(Enumerable.Range(0, count).SelectMany(k =>
    {
        var clicks = Enumerable.Range(k + 1, 2 + k % 3).ToArray();
        return Enumerable.Range(1, clicks.Length - 1).Reverse().Select(n => (clicks[n], (IReadOnlyList<int>)clicks[..n]));
    }));

    // A session = its first (longest) example: the prefix plus the target, as a string key.
    private static List<int[]> Sessions(SessionDataset data) =>
        [.. data.SessionStarts().Select(s => data.Prefix(s).ToArray().Append(data.Target(s)).ToArray())];

    private static string Key(int[] session) => string.Join(',', session);
}
