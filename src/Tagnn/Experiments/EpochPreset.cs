using System.Globalization;

namespace Tagnn.Experiments;

/// <summary>
/// How many epochs the neural models of a table train, with a name that says where the number comes from:
/// <see cref="Reference"/> (the authors' 30 epochs, for real data), <see cref="Sample"/> (the bundled sample, so the
/// whole table fits in minutes) or a number given on the command line.
/// </summary>
/// <param name="Name"><c>reference</c>, <c>sample</c> or <c>custom</c>.</param>
/// <param name="Epochs">Epochs at most (patience may stop a run earlier).</param>
/// <param name="Explanation">One sentence for the output: what the number is and why.</param>
public sealed record EpochPreset(string Name, int Epochs, string Explanation)
{
    /// <summary>The authors' setting: 30 epochs, patience 10 (docs/REFERENCE.md#r12-loss-and-optimiser).</summary>
    public static EpochPreset Reference { get; } = new("reference", 30,
        "the reference's 30 epochs with patience 10, the setting behind the paper's numbers");

    /// <summary>
    /// The bundled sample's preset: 2 epochs, the learning-rate schedule's first phase (lr 1e-3 for epochs 0-1), as
    /// <c>tagnn train</c> does on the sample. TAGNN takes about 48 s for it and SR-GNN 25 s on 2 quiet cores, so the
    /// whole table, with the five neural baselines at most as slow as TAGNN, stays within 10 minutes.
    /// </summary>
    public static EpochPreset Sample { get; } = new("sample", 2,
        "the learning-rate schedule's first phase (lr 1e-3), as `tagnn train` on the bundled sample, so the whole table runs in " +
        "minutes; the reference trains 30 (--epochs reference)");

    /// <summary>The preset for data that is (<paramref name="sample"/>) or is not the bundled sample.</summary>
    public static EpochPreset For(bool sample) => sample ? Sample : Reference;

    /// <summary>Parses <c>reference</c>, <c>sample</c> or a positive number of epochs.</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static EpochPreset Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        if (value == Reference.Name) return Reference;
        if (value == Sample.Name) return Sample;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epochs) && epochs >= 1)
            return new EpochPreset("custom", epochs, "given on the command line");
        throw new ArgumentException($"--epochs must be a positive number, 'reference' ({Reference.Epochs}) or 'sample' ({Sample.Epochs}); got '{text}'.");
    }

    /// <summary>E.g. "2 (sample: ...)".</summary>
    public override string ToString() => $"{Epochs} ({Name}: {Explanation})";
}
