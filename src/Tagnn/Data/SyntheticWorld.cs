using System.Globalization;

namespace Tagnn.Data;

/// <summary>The synthetic world of <see cref="SyntheticClickLog"/>: topics, items, popularity inside a topic (Zipf) and
/// every item's preferred successors.</summary>
internal sealed class SyntheticWorld
{
    public required string[] ItemId { get; init; }
    public required int[] TopicOf { get; init; }
    public required int[] RankOf { get; init; }
    public required int[] TopicStart { get; init; } // topic t owns items TopicStart[t]..TopicStart[t+1]-1, by rank
    public required double[] ZipfCumulative { get; init; } // by rank, per topic (restarting at each topic)
    public required double[] TopicCumulative { get; init; }
    public required int[] Successors { get; init; } // K per item
    public required double[] SuccessorCumulative { get; init; }

    public int Topics => TopicStart.Length - 1;

    public ReadOnlySpan<double> Zipf(int topic) => ZipfCumulative.AsSpan(TopicStart[topic], TopicStart[topic + 1] - TopicStart[topic]);

    public int DrawItem(int topic, DeterministicRandom rng) => TopicStart[topic] + rng.Pick(Zipf(topic));

    public static SyntheticWorld Create(SyntheticClickLogOptions o, DeterministicRandom rng)
    {
        var topicStart = new int[o.Topics + 1];
        for (var t = 0; t <= o.Topics; t++) topicStart[t] = (int)((long)o.Items * t / o.Topics);
        var topicOf = new int[o.Items];
        var rankOf = new int[o.Items];
        var zipf = new double[o.Items];
        for (var t = 0; t < o.Topics; t++)
        {
            double sum = 0;
            for (var i = topicStart[t]; i < topicStart[t + 1]; i++)
            {
                topicOf[i] = t;
                rankOf[i] = i - topicStart[t];
                sum += 1.0 / (rankOf[i] + 1);
                zipf[i] = sum;
            }
        }
        var topicCumulative = new double[o.Topics];
        double total = 0;
        for (var t = 0; t < o.Topics; t++) topicCumulative[t] = total += 3.0 / (t + 3);

        // Original ids: distinct random integers (Diginetica-like small numbers, Yoochoose-like 9-digit ones).
        var pool = new int[o.Items * 2];
        for (var k = 0; k < pool.Length; k++) pool[k] = k + 1;
        rng.Shuffle(pool.AsSpan());
        var offset = o.Layout == ClickLogLayout.Yoochoose ? 214_500_000 : 0;
        var ids = new string[o.Items];
        for (var i = 0; i < o.Items; i++) ids[i] = (pool[i] + offset).ToString(CultureInfo.InvariantCulture);

        var k2 = o.Successors;
        var successors = new int[o.Items * k2];
        var successorCumulative = new double[k2];
        double ws = 0;
        for (var j = 0; j < k2; j++) successorCumulative[j] = ws += (double)(k2 - j) * (k2 - j);
        var world = new SyntheticWorld
        {
            ItemId = ids, TopicOf = topicOf, RankOf = rankOf, TopicStart = topicStart, ZipfCumulative = zipf,
            TopicCumulative = topicCumulative, Successors = successors, SuccessorCumulative = successorCumulative,
        };
        for (var i = 0; i < o.Items; i++)
        {
            var t = topicOf[i];
            for (var j = 0; j < k2; j++)
            {
                int candidate;
                var attempts = 0;
                do
                {
                    candidate = attempts++ < 64 ? world.DrawItem(t, rng) : topicStart[t] + rng.Next(topicStart[t + 1] - topicStart[t]);
                }
                while (candidate == i || successors.AsSpan(i * k2, j).Contains(candidate));
                successors[i * k2 + j] = candidate;
            }
        }
        return world;
    }
}
