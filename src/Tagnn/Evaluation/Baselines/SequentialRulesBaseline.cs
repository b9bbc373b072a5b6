using Tagnn.Data;

namespace Tagnn.Evaluation.Baselines;

/// <summary>
/// SR, sequential rules (Kamehkhosh, Jannach and Ludewig 2017; evaluated by Ludewig and Jannach, UMUAI 2018): rules
/// a -> b mined from the order of clicks in the training sessions, weighted by how close b follows a, and applied to
/// the last click.
/// </summary>
/// <remarks>
/// Each training session c_1..c_T contributes, for every position t and every d = 1..min(Steps, t - 1), the weight
/// f(d) to the rule c_{t-d} -> c_t, with f = <see cref="DecayFunctions.Step"/> of <see cref="SrSpec.Weighting"/>
/// (div: 1 / d). A repeated item gives rules to itself (a -> a), as in session-rec. Only the <see cref="SrSpec.Pruning"/>
/// strongest rules of each antecedent are kept (ties: lower id). The score of b for a prefix is the weight of the rule
/// (last click) -> b; every other item scores 0. Fitting walks, per antecedent, the window after each of its clicks,
/// keeping only the kept rules (no item x item matrix).
/// </remarks>
public sealed class SequentialRulesBaseline : ISessionBaseline
{
    private readonly int[][] consequents;  // consequents[a] = the kept b, strongest first
    private readonly double[][] weights;   // their rule weights

    /// <summary>Mines the rules from training examples in the reference order.</summary>
    public SequentialRulesBaseline(SessionDataset train, int itemCount, SrSpec? spec = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        spec ??= new SrSpec();
        spec.Validate();
        Spec = spec;
        ItemCount = itemCount;
        var sessions = new TrainingSessions(train, itemCount);
        Popularity = sessions.Popularity;
        TieOrder = ItemOrder.ById(itemCount);

        // Every click as (session, position), grouped by item: the occurrences of each antecedent.
        var occurrenceOffsets = new int[itemCount + 2];
        for (var s = 0; s < sessions.Count; s++)
            foreach (var item in sessions.Clicks(s)) occurrenceOffsets[item + 1]++;
        for (var i = 1; i <= itemCount + 1; i++) occurrenceOffsets[i] += occurrenceOffsets[i - 1];
        var occurrenceSession = new int[occurrenceOffsets[^1]];
        var occurrencePosition = new int[occurrenceOffsets[^1]];
        var fill = occurrenceOffsets[..^1];
        for (var s = 0; s < sessions.Count; s++)
        {
            var clicks = sessions.Clicks(s);
            for (var p = 0; p < clicks.Length; p++)
            {
                var at = fill[clicks[p]]++;
                occurrenceSession[at] = s;
                occurrencePosition[at] = p;
            }
        }
        var stepWeight = new double[spec.Steps + 1];
        for (var d = 1; d <= spec.Steps; d++) stepWeight[d] = DecayFunctions.Step(spec.Weighting, d);

        consequents = new int[itemCount + 1][];
        weights = new double[itemCount + 1][];
        consequents[0] = [];
        weights[0] = [];
        Parallel.For(1, itemCount + 1, () => new RuleBuffer(itemCount), (a, _, buffer) =>
        {
            for (var o = occurrenceOffsets[a]; o < occurrenceOffsets[a + 1]; o++)
            {
                var clicks = sessions.Clicks(occurrenceSession[o]);
                var p = occurrencePosition[o];
                for (var d = 1; d <= spec.Steps && p + d < clicks.Length; d++) buffer.Add(clicks[p + d], stepWeight[d]);
            }
            (consequents[a], weights[a]) = buffer.Take(spec.Pruning);
            return buffer;
        }, _ => { });
    }

    /// <inheritdoc />
    public BaselineSpec Spec { get; }

    /// <inheritdoc />
    public int ItemCount { get; }

    /// <inheritdoc />
    public long[] Popularity { get; }

    /// <inheritdoc />
    public ItemOrder TieOrder { get; }

    /// <summary>The kept rules of antecedent <paramref name="item"/>, strongest first.</summary>
    public (IReadOnlyList<int> Consequents, IReadOnlyList<double> Weights) RulesOf(int item) => (consequents[item], weights[item]);

    /// <inheritdoc />
    public void Score(ReadOnlySpan<int> prefix, SparseScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (prefix.IsEmpty) return;
        var last = prefix[^1];
        if ((uint)(last - 1) >= (uint)ItemCount) return;
        var items = consequents[last];
        var w = weights[last];
        for (var r = 0; r < items.Length; r++) scores.Add(items[r], w[r]);
    }

    /// <summary>One thread's rule weights for one antecedent.</summary>
    private sealed class RuleBuffer(int itemCount)
    {
        private readonly double[] weight = new double[itemCount + 1];
        private readonly bool[] listed = new bool[itemCount + 1];
        private readonly List<int> touched = [];

        public void Add(int consequent, double value)
        {
            if (!listed[consequent])
            {
                listed[consequent] = true;
                touched.Add(consequent);
            }
            weight[consequent] += value;
        }

        public (int[] Items, double[] Weights) Take(int keep)
        {
            var rules = new List<(double Weight, int Item)>(touched.Count);
            foreach (var item in touched)
            {
                if (weight[item] > 0) rules.Add((weight[item], item));   // a decay that reaches 0 leaves no rule
                weight[item] = 0;
                listed[item] = false;
            }
            touched.Clear();
            rules.Sort((x, y) => x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : x.Item.CompareTo(y.Item));
            var n = keep == 0 ? rules.Count : Math.Min(keep, rules.Count);
            var items = new int[n];
            var values = new double[n];
            for (var r = 0; r < n; r++) (values[r], items[r]) = rules[r];
            return (items, values);
        }
    }
}
