namespace Tagnn.Data;

/// <summary>When each session of <see cref="SyntheticClickLog"/> starts: a day and a second of that day, in time order
/// (session ids follow it).</summary>
internal sealed class SyntheticSessionPlan
{
    public required int[] Day { get; init; }
    public required int[] Second { get; init; }

    public static SyntheticSessionPlan Create(SyntheticClickLogOptions o, DeterministicRandom rng)
    {
        var keys = new long[o.Sessions];
        // Start before 21:00 so that a session (at most 50 clicks x 5 minutes) ends on its day.
        for (var s = 0; s < o.Sessions; s++) keys[s] = (long)rng.Next(o.Days) * 86400 + rng.Next(75_600);
        Array.Sort(keys);
        var day = new int[o.Sessions];
        var second = new int[o.Sessions];
        for (var s = 0; s < o.Sessions; s++)
        {
            day[s] = (int)(keys[s] / 86400);
            second[s] = (int)(keys[s] % 86400);
        }
        return new SyntheticSessionPlan { Day = day, Second = second };
    }
}
