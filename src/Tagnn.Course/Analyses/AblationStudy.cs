using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Course;

/// <summary>
/// The readout ablation of notebook 09. <see cref="Figure2Variants"/> are the TAGNN paper's Figure 2 as its Section
/// 3.3 defines it: four session representations without target attention (TAGNN-L, -Avg, -Att, -L+Att) and the full
/// TAGNN as a separate bar. <see cref="ExtensionVariants"/> are the course's own extension: the same readouts with
/// target attention, and SR-GNN. Every variant is trained on the bundled sample with one short, fixed budget and
/// several seeds (runs cached by <see cref="CourseModels"/>); <see cref="Noise"/> and the <c>Compare</c> methods judge the
/// differences against the seed noise.
/// </summary>
public static partial class AblationStudy
{
    /// <summary>The paper's Figure 2: the four readouts without target attention, and TAGNN (local + attentive
    /// readout with target attention).</summary>
    public static IReadOnlyList<AblationVariant> Figure2Variants { get; } =
    [
        new("TAGNN-L", ModelKind.Tagnn, ReadoutKind.Local, false),
        new("TAGNN-Avg", ModelKind.Tagnn, ReadoutKind.Average, false),
        new("TAGNN-Att", ModelKind.Tagnn, ReadoutKind.Attentive, false),
        new("TAGNN-L+Att", ModelKind.Tagnn, ReadoutKind.LocalAttentive, false),
        new("TAGNN", ModelKind.Tagnn, ReadoutKind.LocalAttentive, true),
    ];

    /// <summary>The course's extension (not in the paper): the readouts L, Avg and Att WITH target attention (with L+Att
    /// that is TAGNN, already in <see cref="Figure2Variants"/>), and SR-GNN (L+Att without target attention and
    /// without the softmax on alpha).</summary>
    public static IReadOnlyList<AblationVariant> ExtensionVariants { get; } =
    [
        new("TAGNN-L + target att.", ModelKind.Tagnn, ReadoutKind.Local, true),
        new("TAGNN-Avg + target att.", ModelKind.Tagnn, ReadoutKind.Average, true),
        new("TAGNN-Att + target att.", ModelKind.Tagnn, ReadoutKind.Attentive, true),
        new("SR-GNN", ModelKind.SrGnn, ReadoutKind.LocalAttentive, false),
    ];

    /// <summary>Figure 2's five models, then the extension's four: every readout with and without target attention,
    /// and SR-GNN.</summary>
    public static IReadOnlyList<AblationVariant> AllVariants { get; } = [.. Figure2Variants, .. ExtensionVariants];

    /// <summary>
    /// The study's training budget, the same for every model. Full mode: one epoch on the first 27,000 of the
    /// sample's training examples (270 steps) at five times the reference's learning rate (5e-3), the rest as the
    /// reference (batch 100, Adam, weight decay 1e-5), scored on the whole test set. The grid (nine models x
    /// <see cref="Seeds"/>) takes several minutes to train on two cores, so its runs are shipped in
    /// data/sample/course-runs/ (found by <see cref="CourseModels"/>; <c>tagnn notebooks run --course-runs rebuild</c>
    /// retrains them). Smoke mode: 600 training and 300 test examples. Models trained for one epoch are not converged;
    /// the notebook says so and states the noise of their numbers.
    /// </summary>
    public static TrainingOptions Options => Course.Smoke
        ? new TrainingOptions { Epochs = 1, LearningRate = 5e-3, MaxTrainExamples = 600, MaxTestExamples = 300 }
        : new TrainingOptions { Epochs = 1, LearningRate = 5e-3, MaxTrainExamples = 27_000 };

    /// <summary>The seeds: two, the fewest that give a noise estimate (pooled over the nine models: nine degrees of
    /// freedom). More seeds shrink the standard errors at the cost of training time.</summary>
    public static IReadOnlyList<long> Seeds => [2020, 2021];

    /// <summary>
    /// Trains (or finds cached) every variant with every seed, in that order, and returns their test metrics (read
    /// from each run's summary.json; no checkpoint is loaded).
    /// </summary>
    /// <param name="variants">The variants (default: <see cref="AllVariants"/>).</param>
    /// <param name="seeds">The seeds (default: <see cref="Seeds"/>).</param>
    /// <param name="options">The budget (default: <see cref="Options"/>); its seed is replaced by each seed.</param>
    /// <param name="completed">Called after each run (e.g. to print a line).</param>
    public static IReadOnlyList<AblationResult> Run(IEnumerable<AblationVariant>? variants = null, IEnumerable<long>? seeds = null,
        TrainingOptions? options = null, Action<AblationResult>? completed = null)
    {
        var list = (variants ?? AllVariants).ToList();
        var seedList = (seeds ?? Seeds).ToList();
        if (list.Count == 0) throw new ArgumentException("At least one variant is needed.", nameof(variants));
        if (seedList.Count == 0) throw new ArgumentException("At least one seed is needed.", nameof(seeds));
        options ??= Options;
        var itemTableSize = Tagnn.Data.SampleData.LoadPrepared().ItemTableSize;
        var results = new List<AblationResult>();
        foreach (var seed in seedList)
        {
            foreach (var variant in list)
            {
                var run = CourseModels.Trained(variant.Config(itemTableSize), options with { Seed = seed }, baselines: false, weights: false);
                var summary = run.ReadSummary() ?? throw new InvalidOperationException($"The run {run.Directory} has no summary.");
                var result = new AblationResult(variant, seed, summary.HitRate20, summary.Mrr20, summary.Timings.TrainSeconds,
                    run.Directory, summary.TestExamples);
                results.Add(result);
                completed?.Invoke(result);
            }
        }
        return results;
    }

    /// <summary>Per variant (in first-seen order): the mean, smallest and largest P@20 and MRR@20 over the seeds.</summary>
    public static IReadOnlyList<(AblationVariant Variant, int Seeds, (double Mean, double Min, double Max) HitRate20, (double Mean, double Min, double Max) Mrr20)>
        Summarize(IEnumerable<AblationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.GroupBy(r => r.Variant).Select(g => (g.Key, g.Count(),
            (g.Average(r => r.HitRate20), g.Min(r => r.HitRate20), g.Max(r => r.HitRate20)),
            (g.Average(r => r.Mrr20), g.Min(r => r.Mrr20), g.Max(r => r.Mrr20))))];
    }

    /// <summary>
    /// The seed noise of <paramref name="results"/>: each metric's seed standard deviation pooled over the variants
    /// with two or more seeds (<see cref="AblationNoise"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No results, or runs scored on different numbers of test examples.</exception>
    public static AblationNoise Noise(IReadOnlyList<AblationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("No results.", nameof(results));
        var sizes = results.Select(r => r.TestExamples).Distinct().ToList();
        if (sizes.Count > 1)
            throw new ArgumentException($"The runs were scored on different test sets ({string.Join(", ", sizes)} examples); their noise cannot be pooled.", nameof(results));
        var groups = results.GroupBy(r => r.Variant).Where(g => g.Count() > 1).ToList();
        var runs = groups.Sum(g => g.Count());
        var df = runs - groups.Count;
        double Pooled(Func<AblationResult, double> f)
        {
            if (df == 0) return double.NaN;
            var squares = groups.Sum(g =>
            {
                var mean = g.Average(f);
                return g.Sum(r => (f(r) - mean) * (f(r) - mean));
            });
            return Math.Sqrt(squares / df);
        }
        return new AblationNoise(runs, groups.Count, df, Pooled(r => r.HitRate20), Pooled(r => r.Mrr20), sizes[0]);
    }

    /// <summary>
    /// <paramref name="a"/> minus <paramref name="b"/> on <paramref name="metric"/>, means over their seeds, with the
    /// standard error of the difference (the larger of the pooled and the pair's own, <see cref="AblationDifference"/>).
    /// </summary>
    /// <param name="results">From <see cref="Run"/>.</param>
    /// <param name="a">The first variant.</param>
    /// <param name="b">The second variant.</param>
    /// <param name="metric">P@20 or MRR@20.</param>
    /// <param name="noise">The noise estimate (default: <see cref="Noise"/> of <paramref name="results"/>).</param>
    /// <exception cref="ArgumentException">A variant has no result.</exception>
    public static AblationDifference Compare(IReadOnlyList<AblationResult> results, AblationVariant a, AblationVariant b,
        AblationMetric metric, AblationNoise? noise = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        noise ??= Noise(results);
        var ra = results.Where(r => r.Variant == a).ToList();
        var rb = results.Where(r => r.Variant == b).ToList();
        if (ra.Count == 0) throw new ArgumentException($"No result for {a.Name}.", nameof(a));
        if (rb.Count == 0) throw new ArgumentException($"No result for {b.Name}.", nameof(b));
        var pooled = noise.SeedSd(metric) * Math.Sqrt(1.0 / ra.Count + 1.0 / rb.Count);
        var (va, vb) = (Variance(ra, metric), Variance(rb, metric));
        var own = Math.Sqrt(va / ra.Count + vb / rb.Count);
        return new AblationDifference(a, b, metric, ra.Average(r => r.Value(metric)), rb.Average(r => r.Value(metric)), ra.Count, rb.Count, pooled, own);
    }

    // The sample variance of one variant's seeds (NaN with fewer than two).
    private static double Variance(IReadOnlyList<AblationResult> runs, AblationMetric metric)
    {
        if (runs.Count < 2) return double.NaN;
        var mean = runs.Average(r => r.Value(metric));
        return runs.Sum(r => (r.Value(metric) - mean) * (r.Value(metric) - mean)) / (runs.Count - 1);
    }

    /// <summary>
    /// Both metrics for every pair: <paramref name="a"/> against each of <paramref name="others"/>.
    /// </summary>
    public static IReadOnlyList<AblationDifference> Compare(IReadOnlyList<AblationResult> results, AblationVariant a,
        IEnumerable<AblationVariant> others, AblationNoise? noise = null)
    {
        ArgumentNullException.ThrowIfNull(others);
        noise ??= Noise(results);
        return [.. others.SelectMany(b => new[] { AblationMetric.HitRate20, AblationMetric.Mrr20 }.Select(m => Compare(results, a, b, m, noise)))];
    }

    /// <summary>
    /// Whether a claim that rests on several differences (each "A ahead of B") holds on these numbers: it holds when
    /// every difference is clear in its favour; it is contradicted when one is clear against it; otherwise it is not
    /// established. The sentence counts the differences by verdict.
    /// </summary>
    /// <param name="claim">The claim, e.g. <c>"TAGNN beats every readout without target attention"</c>.</param>
    /// <param name="differences">Differences that each must favour their A.</param>
    public static string Judge(string claim, IReadOnlyList<AblationDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(differences);
        if (differences.Count == 0) throw new ArgumentException("A claim needs at least one difference.", nameof(differences));
        var forIt = differences.Count(d => d.Verdict == AblationVerdict.Clear && d.Difference > 0);
        var against = differences.Count(d => d.Verdict == AblationVerdict.Clear && d.Difference < 0);
        var suggestive = differences.Count(d => d.Verdict == AblationVerdict.Suggestive);
        var noise = differences.Count(d => d.Verdict == AblationVerdict.Noise);
        var none = differences.Count(d => d.Verdict == AblationVerdict.NoNoiseEstimate);
        var verdict = none > 0 ? "cannot be judged (one seed gives no noise estimate)"
            : against > 0 ? "contradicted on these numbers"
            : forIt == differences.Count ? "holds on these numbers"
            : "not established on these numbers";
        var parts = new List<string>();
        if (forIt > 0) parts.Add($"{forIt} clearly in its favour");
        if (against > 0) parts.Add($"{against} clearly against it");
        if (suggestive > 0) parts.Add($"{suggestive} suggestive only");
        if (noise > 0) parts.Add($"{noise} not distinguishable from noise");
        return $"“{claim}”: {verdict} ({differences.Count} differences: {string.Join(", ", parts)}).";
    }
}
