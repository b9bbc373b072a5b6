using Tagnn.Data;

namespace Tagnn.Tests.Support;

internal static class RandomSessions
{
    /// <summary>A dataset of <paramref name="count"/> random examples over items 1..<paramref name="items"/>, with
    /// repeats (so graphs have self-loops and repeated transitions) and prefix lengths 1..<paramref name="maxLength"/>.</summary>
    public static SessionDataset Dataset(int count, int items, int maxLength, int seed)
    {
        var random = new Random(seed);
        return SessionDataset.FromExamples(Enumerable.Range(0, count).Select(_ =>
        {
            var length = random.Next(1, maxLength + 1);
            var prefix = new int[length];
            for (var i = 0; i < length; i++)
                prefix[i] = i > 0 && random.NextDouble() < 0.25 ? prefix[random.Next(i)] : random.Next(1, items + 1);
            return (random.Next(1, items + 1), (IReadOnlyList<int>)prefix);
        }));
    }
}
