namespace Tagnn.Model;

/// <summary>
/// Where a training step is in its run: what a loss may use to draw samples (e.g. BPR negatives). A sampled loss
/// must draw as a pure function of this context (on the host, then copy to the model's device), so that two runs
/// with the same seed, and a run resumed from a checkpoint, draw the same samples.
/// </summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Step">The step within the epoch (0-based).</param>
/// <param name="Seed">The run's seed (<c>TrainingOptions.Seed</c>).</param>
public readonly record struct TrainingStepContext(int Epoch, int Step, long Seed)
{
    /// <summary>
    /// A 64-bit seed for this step's sampling stream <paramref name="stream"/> (use one stream per thing sampled): a
    /// pure function of (Seed, Epoch, Step, stream), mixed with SplitMix64 so that neighbouring steps get unrelated
    /// seeds. Seed a generator with a fixed algorithm with it (not <see cref="Random"/>, whose algorithm may change).
    /// </summary>
    public ulong SamplingSeed(int stream = 0)
    {
        var state = Mix((ulong)Seed);
        state = Mix(state ^ (uint)Epoch);
        state = Mix(state ^ (uint)Step);
        return Mix(state ^ (uint)stream);
    }

    // SplitMix64's output function applied to x + the golden-ratio increment.
    private static ulong Mix(ulong x)
    {
        var z = x + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
