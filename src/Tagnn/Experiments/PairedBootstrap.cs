using Tagnn.Data;

namespace Tagnn.Experiments;

/// <summary>
/// A paired bootstrap over test sessions: the per-example values of two models (each example's hit or reciprocal rank,
/// averaged over the seeds) are differenced, the test SESSIONS are resampled with replacement (all examples of a
/// session together: the prefixes of one session are not independent), and the mean difference of each resample gives
/// a percentile confidence interval. It measures how much the difference would move on another test set of the same
/// size from the same source; it says nothing about retraining (seed noise), which <see cref="PairedTTest"/> measures.
/// </summary>
/// <param name="Examples">Test examples.</param>
/// <param name="Sessions">Test sessions (the resampled units).</param>
/// <param name="MeanDifference">The observed mean difference, model minus reference.</param>
/// <param name="StandardError">The standard deviation of the resampled mean differences.</param>
/// <param name="Lower">The lower end of the (1 - alpha) percentile interval.</param>
/// <param name="Upper">The upper end.</param>
/// <param name="Alpha">1 - the interval's coverage.</param>
/// <param name="Resamples">Bootstrap resamples.</param>
/// <param name="Seed">The seed of the resampling (same seed, same interval).</param>
public sealed record PairedBootstrap(int Examples, int Sessions, double MeanDifference, double StandardError, double Lower,
    double Upper, double Alpha, int Resamples, long Seed)
{
    /// <summary>Whether the interval excludes 0 (the test set resolves the difference).</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;

    /// <summary>The bootstrap of <paramref name="model"/> against <paramref name="reference"/>.</summary>
    /// <param name="model">One value per test example (e.g. 100 x hit@20, averaged over seeds).</param>
    /// <param name="reference">The reference model's values, same examples, same order.</param>
    /// <param name="sessionStarts">The first example of each session, ascending, starting at 0
    /// (<see cref="SessionDataset.SessionStarts"/>); null treats every example as its own session.</param>
    /// <param name="resamples">Resamples (at least 100).</param>
    /// <param name="seed">Seeds the resampling.</param>
    /// <param name="alpha">1 - coverage (0.05: a 95% interval).</param>
    /// <exception cref="ArgumentException">Mismatched lengths, bad session starts, no examples, or a bad setting.</exception>
    public static PairedBootstrap Compute(IReadOnlyList<double> model, IReadOnlyList<double> reference, IReadOnlyList<int>? sessionStarts,
        int resamples = 1000, long seed = 2020, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reference);
        if (model.Count != reference.Count)
            throw new ArgumentException($"A paired bootstrap needs the same examples on both sides; got {model.Count} and {reference.Count}.");
        var n = model.Count;
        if (n == 0) throw new ArgumentException("A bootstrap needs at least one example.");
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        if (!(alpha is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        var starts = sessionStarts ?? [.. Enumerable.Range(0, n)];
        if (starts.Count == 0 || starts[0] != 0) throw new ArgumentException("Session starts must begin with example 0.", nameof(sessionStarts));
        for (var j = 1; j < starts.Count; j++)
        {
            if (starts[j] <= starts[j - 1] || starts[j] >= n)
                throw new ArgumentException($"Session starts must be increasing and below {n}; start {j} is {starts[j]}.", nameof(sessionStarts));
        }

        var sessions = starts.Count;
        var sums = new double[sessions];   // the session's summed difference
        var sizes = new int[sessions];     // its examples
        for (var j = 0; j < sessions; j++)
        {
            var end = j + 1 < sessions ? starts[j + 1] : n;
            for (var i = starts[j]; i < end; i++)
            {
                var d = model[i] - reference[i];
                if (!double.IsFinite(d)) throw new ArgumentException($"Example {i} has a value that is not finite.");
                sums[j] += d;
            }
            sizes[j] = end - starts[j];
        }
        var observed = sums.Sum() / n;

        var random = new DeterministicRandom(unchecked((ulong)seed));
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            double sum = 0;
            long count = 0;
            for (var j = 0; j < sessions; j++)
            {
                var pick = random.Next(sessions);
                sum += sums[pick];
                count += sizes[pick];
            }
            means[b] = sum / count;
        }
        Array.Sort(means);
        var sd = SeedStatistics.SampleStd(means) ?? 0;
        return new PairedBootstrap(n, sessions, observed, sd, Quantile(means, alpha / 2), Quantile(means, 1 - alpha / 2), alpha, resamples, seed);
    }

    /// <summary>The q-quantile of sorted values, interpolating linearly between order statistics (R's type 7).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }
}
