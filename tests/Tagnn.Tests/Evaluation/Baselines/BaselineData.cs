using Tagnn.Data;
using Tagnn.Evaluation.Baselines;

namespace Tagnn.Tests.Evaluation.Baselines;

/// <summary>Small training sets for the baseline tests, written as whole sessions and augmented as the reference does.</summary>
internal static class BaselineData
{
    /// <summary>
    /// The four sessions most hand-computed cases use, in date order (session index 0..3):
    /// A = [1, 2, 3], B = [2, 4], C = [3, 2, 5], D = [5, 6]; N = 6.
    /// Clicks per item: 1:1, 2:3, 3:2, 4:1, 5:2, 6:1. Sessions containing: 1 {A}, 2 {A,B,C}, 3 {A,C}, 4 {B}, 5 {C,D}, 6 {D}.
    /// </summary>
    public static readonly SessionDataset Four = Augment([1, 2, 3], [2, 4], [3, 2, 5], [5, 6]);

    /// <summary>Augments whole sessions into the reference's examples: [v1..vk] gives ([v1..vk-1] -> vk), ..., ([v1] -> v2).</summary>
    public static SessionDataset Augment(params int[][] sessions)
    {
        var examples = new List<(int, IReadOnlyList<int>)>();
        foreach (var s in sessions)
            for (var end = s.Length - 1; end >= 1; end--) examples.Add((s[end], s[..end]));
        return SessionDataset.FromExamples(examples);
    }

    /// <summary>Random sessions of 2..<paramref name="maxLength"/> clicks over <paramref name="items"/> items, some
    /// clicks repeating an earlier one.</summary>
    public static int[][] RandomSessions(int count, int items, int maxLength, int seed)
    {
        var random = new Random(seed);
        var result = new int[count][];
        for (var s = 0; s < count; s++)
        {
            var session = new int[random.Next(2, maxLength + 1)];
            for (var p = 0; p < session.Length; p++)
                session[p] = p > 0 && random.NextDouble() < 0.2 ? session[random.Next(p)] : random.Next(1, items + 1);
            result[s] = session;
        }
        return result;
    }

    /// <summary>Scores one prefix.</summary>
    public static SparseScores Score(ISessionBaseline model, params int[] prefix)
    {
        var scores = new SparseScores(model.ItemCount);
        model.Score(prefix, scores);
        return scores;
    }
}
