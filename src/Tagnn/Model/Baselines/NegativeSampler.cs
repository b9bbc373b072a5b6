using Tagnn.Data;

namespace Tagnn.Model.Baselines;

/// <summary>
/// The negatives of the BPR losses (BPR-MF, FPMC): for every positive item, one item drawn uniformly from the other
/// N - 1 items (1..N without the positive), on the host, from a fixed-algorithm generator seeded by the step
/// (<see cref="TrainingStepContext.SamplingSeed"/>, stream <see cref="Stream"/>). So the negatives are a pure function of
/// (seed, epoch, step, positives): two runs with the same seed, and a resumed run, draw the same ones.
/// </summary>
/// <remarks>
/// Rendle et al. (UAI 2009) draw the negative uniformly from the items the user has not interacted with; with one
/// positive per pair and sessions of a few clicks we exclude the positive only (the other items of the session may be
/// drawn, with probability about (length - 1) / N). Draws use xoshiro256** and Lemire's multiply-shift (bias below
/// 2^-32).
/// </remarks>
public static class NegativeSampler
{
    /// <summary>The sampling stream of negatives.</summary>
    public const int Stream = 2;

    /// <summary>One negative per positive, uniform over 1..<paramref name="itemCount"/> without the positive.</summary>
    /// <param name="positives">Positive item ids, each in 1..N.</param>
    /// <param name="itemCount">N (at least 2).</param>
    /// <param name="step">The training step whose samples these are.</param>
    public static long[] Uniform(ReadOnlySpan<long> positives, int itemCount, TrainingStepContext step) =>
        Uniform(positives, itemCount, step.SamplingSeed(Stream));

    /// <summary>One negative per positive, uniform over 1..<paramref name="itemCount"/> without the positive, drawn
    /// from a generator seeded with <paramref name="seed"/>.</summary>
    public static long[] Uniform(ReadOnlySpan<long> positives, int itemCount, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 2);
        var random = new DeterministicRandom(seed);
        var negatives = new long[positives.Length];
        for (var i = 0; i < positives.Length; i++)
        {
            var positive = positives[i];
            if (positive < 1 || positive > itemCount)
                throw new ArgumentException($"Positive item {positive} is outside 1..{itemCount}.", nameof(positives));
            long draw = 1 + random.Next(itemCount - 1);                        // uniform in 1..N-1
            negatives[i] = draw >= positive ? draw + 1 : draw;                 // skip the positive: uniform over the others
        }
        return negatives;
    }
}
