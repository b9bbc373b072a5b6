namespace Tagnn.Data;

/// <summary>
/// xoshiro256** seeded by SplitMix64: a small generator whose sequence is fixed by this code alone (unlike
/// <see cref="Random"/>, whose algorithm is an implementation detail), so a seed reproduces a file byte for byte on
/// every runtime and platform.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong s0, s1, s2, s3;

    /// <summary>Creates a generator from a seed.</summary>
    public DeterministicRandom(ulong seed)
    {
        s0 = SplitMix(ref seed);
        s1 = SplitMix(ref seed);
        s2 = SplitMix(ref seed);
        s3 = SplitMix(ref seed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="n"/>) (Lemire's multiply-shift; the bias is below 2^-32).</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>An index drawn with probability proportional to the increments of <paramref name="cumulative"/>
    /// (a non-decreasing array of running totals).</summary>
    public int Pick(ReadOnlySpan<double> cumulative)
    {
        var u = NextDouble() * cumulative[^1];
        var i = cumulative.BinarySearch(u);
        i = i < 0 ? ~i : i + 1; // first running total strictly above u
        return Math.Min(i, cumulative.Length - 1);
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (var i = values.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
