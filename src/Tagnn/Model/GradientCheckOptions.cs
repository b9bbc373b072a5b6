namespace Tagnn.Model;

/// <summary>How <see cref="GradientCheck"/> differentiates numerically and what it accepts.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>h of the central difference (L(theta + h) - L(theta - h)) / 2h (default 1e-6: in float64 its
    /// truncation error, O(h^2), and its rounding error, about 1e-16 |L| / h, both stay near 1e-10).</summary>
    public double Step { get; init; } = 1e-6;

    /// <summary>Elements checked per parameter: all of them when the parameter has at most this many, otherwise this
    /// many, the ones with the largest analytic gradients first and the rest drawn at random (default 64).</summary>
    public int MaxElementsPerParameter { get; init; } = 64;

    /// <summary>An element passes when its absolute error is at most this (default 1e-6)...</summary>
    public double AbsoluteTolerance { get; init; } = 1e-6;

    /// <summary>...or its relative error |a - n| / max(|a|, |n|) is at most this (default 1e-5).</summary>
    public double RelativeTolerance { get; init; } = 1e-5;

    /// <summary>Seed of the random choice of elements (default 0).</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(Step > 0)) throw new ArgumentException($"Step must be positive, got {Step}.");
        if (MaxElementsPerParameter < 1) throw new ArgumentException($"MaxElementsPerParameter must be positive, got {MaxElementsPerParameter}.");
        if (!(AbsoluteTolerance >= 0) || !(RelativeTolerance >= 0)) throw new ArgumentException("The tolerances must be non-negative.");
    }
}
