using static TorchSharp.torch;

namespace Tagnn.Experiments;

/// <summary>How <see cref="ModelComparison"/> trains and judges: the seeds, the reference model, the test level, the
/// bootstrap, the device and where the results go.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Seeds per model, K (at least 1; the test needs 2, and detects only large effects below about 5).</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>The first seed: seed k is <see cref="BaseSeed"/> + k.</summary>
    public long BaseSeed { get; init; } = 1;

    /// <summary>The model the others are tested against (by name); null = the first model.</summary>
    public string? Reference { get; init; }

    /// <summary>The level of the paired t-test over seeds (and 1 - the bootstrap interval's coverage).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Resamples of the paired bootstrap over test sessions; 0 turns it off (and skips scoring each run's test
    /// set a second time for its per-example ranks).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Seeds the bootstrap's resampling.</summary>
    public long BootstrapSeed { get; init; } = 2020;

    /// <summary>Where the models train (CPU when null).</summary>
    public Device? Device { get; init; }

    /// <summary>A folder to write <c>comparison.csv</c> and <c>comparison.json</c> (sweeps: <c>sweep.csv</c>,
    /// <c>sweep.json</c>) into, atomically, when done; null writes nothing.</summary>
    public string? Output { get; init; }

    /// <summary>The seeds: <see cref="BaseSeed"/> + k for k = 0..<see cref="Seeds"/> - 1.</summary>
    public IReadOnlyList<long> SeedList => [.. Enumerable.Range(0, Seeds).Select(k => BaseSeed + k)];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Seeds < 1) throw new ArgumentException($"A comparison needs at least 1 seed, got {Seeds}.");
        if (!(Alpha is > 0 and < 1)) throw new ArgumentException($"alpha must be in (0, 1), got {Alpha}.");
        if (BootstrapResamples != 0 && BootstrapResamples < 100)
            throw new ArgumentException($"The bootstrap needs at least 100 resamples (or 0 to turn it off), got {BootstrapResamples}.");
    }
}
