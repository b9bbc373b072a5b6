namespace Tagnn.Data;

/// <summary>Settings of <see cref="SyntheticClickLog"/>. The defaults make a small Diginetica-layout log.</summary>
public sealed record SyntheticClickLogOptions
{
    /// <summary>The file layout to write.</summary>
    public ClickLogLayout Layout { get; init; } = ClickLogLayout.Diginetica;

    /// <summary>The seed: the same options give the same bytes.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Number of sessions.</summary>
    public int Sessions { get; init; } = 20_000;

    /// <summary>Number of items (split evenly over the topics).</summary>
    public int Items { get; init; } = 1_600;

    /// <summary>Number of topics (groups of items; a session mixes two or three).</summary>
    public int Topics { get; init; } = 10;

    /// <summary>Number of days the sessions are spread over (uniformly).</summary>
    public int Days { get; init; } = 60;

    /// <summary>The first day; null for the layout's default (2016-01-01 Diginetica, 2014-04-01 Yoochoose, as in the
    /// real files).</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Share of sessions with a single click (the preprocessing drops them).</summary>
    public double SingleClickShare { get; init; } = 0.12;

    /// <summary>After the second click a session goes on with this probability at each step (geometric length).</summary>
    public double ContinueProbability { get; init; } = 0.72;

    /// <summary>The longest session.</summary>
    public int MaxSessionLength { get; init; } = 50;

    /// <summary>Share of sessions with three interests (the others have two).</summary>
    public double ThreeInterestShare { get; init; } = 0.35;

    /// <summary>Probability that a click (other than the first and the last) moves to another of the session's
    /// interests.</summary>
    public double SwitchProbability { get; init; } = 0.3;

    /// <summary>Probability that the last click (the target) goes back to an earlier interest of the session when
    /// there is one: then the clue to the target is not the last click, and target attention has something to find.</summary>
    public double TargetSwitchProbability { get; init; } = 0.5;

    /// <summary>Probability that a click in an interest is one of the preferred successors of the previous click in
    /// that interest.</summary>
    public double FollowProbability { get; init; } = 0.7;

    /// <summary>Probability that a click in an interest repeats the previous click in that interest.</summary>
    public double RepeatProbability { get; init; } = 0.08;

    /// <summary>Number of preferred successors of every item (weights 0.6, 0.3, 0.1 for three).</summary>
    public int Successors { get; init; } = 3;

    /// <summary>Share of Diginetica rows with a user id (the others have NA, as most real rows).</summary>
    public double KnownUserShare { get; init; } = 0.1;

    /// <summary>Checks the settings; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Require(Sessions >= 1, $"sessions must be at least 1 (got {Sessions}).");
        Require(Topics >= 2, $"topics must be at least 2 (got {Topics}): sessions mix two or three topics.");
        Require(Items >= Topics * (Successors + 1), $"items must be at least topics x (successors + 1) = {Topics * (Successors + 1)} (got {Items}).");
        Require(Days >= 9, $"days must be at least 9 (got {Days}) so that the 7-day test split leaves a train part.");
        Require(Successors is >= 1 and <= 8, $"successors must be 1..8 (got {Successors}).");
        Require(MaxSessionLength >= 2, $"the longest session must be at least 2 (got {MaxSessionLength}).");
        foreach (var (name, p) in new[]
        {
            ("single-click share", SingleClickShare), ("continue probability", ContinueProbability),
            ("three-interest share", ThreeInterestShare), ("switch probability", SwitchProbability),
            ("target switch probability", TargetSwitchProbability), ("follow probability", FollowProbability),
            ("repeat probability", RepeatProbability), ("known user share", KnownUserShare),
        })
        {
            Require(p is >= 0 and <= 1, $"{name} must be in [0, 1] (got {p}).");
        }
        Require(ContinueProbability < 1, "continue probability must be below 1.");
        Require(FollowProbability + RepeatProbability <= 1, "follow + repeat probability must not exceed 1.");
    }
}
