namespace Tagnn.Data;

/// <summary>Generates the sessions of <see cref="SyntheticClickLog"/>, one at a time into reused buffers: a session's
/// interests (topics), then each click from an interest's last item (follow a successor, repeat, or a popular item).</summary>
internal sealed class SyntheticSessionBuilder(SyntheticClickLogOptions o, SyntheticWorld world)
{
    public int[] Clicks { get; } = new int[o.MaxSessionLength];
    public (long Frame, int Position)[] Frames { get; } = new (long, int)[o.MaxSessionLength];
    public int[] InterestTopic { get; } = new int[3];
    private readonly int[] cursor = new int[3];
    public int Length { get; private set; }
    public int InterestCount { get; private set; }
    public bool TargetReturns { get; private set; }

    public void Generate(DeterministicRandom rng)
    {
        Length = 1;
        if (!rng.Chance(o.SingleClickShare))
        {
            Length = 2;
            while (Length < o.MaxSessionLength && rng.Chance(o.ContinueProbability)) Length++;
        }
        InterestCount = o.Topics >= 3 && rng.Chance(o.ThreeInterestShare) ? 3 : 2;
        for (var j = 0; j < InterestCount; j++)
        {
            int t;
            do t = rng.Pick(world.TopicCumulative);
            while (InterestTopic.AsSpan(0, j).Contains(t));
            InterestTopic[j] = t;
            cursor[j] = -1;
        }
        TargetReturns = false;
        var current = 0;
        for (var p = 0; p < Length; p++)
        {
            var j = current;
            if (p > 0 && p == Length - 1 && rng.Chance(o.TargetSwitchProbability))
            {
                // Go back to an earlier interest (one already visited, other than the current one), if any.
                var visited = 0;
                for (var k = 0; k < InterestCount; k++) if (k != current && cursor[k] >= 0) visited++;
                if (visited > 0)
                {
                    var pick = rng.Next(visited);
                    for (var k = 0; k < InterestCount; k++)
                    {
                        if (k != current && cursor[k] >= 0 && pick-- == 0) { j = k; break; }
                    }
                    TargetReturns = true;
                }
            }
            else if (p > 0 && p < Length - 1 && rng.Chance(o.SwitchProbability))
            {
                j = (current + 1 + rng.Next(InterestCount - 1)) % InterestCount;
            }
            int item;
            if (cursor[j] < 0)
            {
                item = world.DrawItem(InterestTopic[j], rng);
            }
            else
            {
                var u = rng.NextDouble();
                if (u < o.FollowProbability)
                    item = world.Successors[cursor[j] * o.Successors + rng.Pick(world.SuccessorCumulative)];
                else if (u < o.FollowProbability + o.RepeatProbability)
                    item = cursor[j];
                else
                    item = world.DrawItem(InterestTopic[j], rng);
            }
            cursor[j] = item;
            current = j;
            Clicks[p] = item;
        }
    }
}
