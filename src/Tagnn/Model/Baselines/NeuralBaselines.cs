namespace Tagnn.Model.Baselines;

/// <summary>
/// The five neural baselines of the TAGNN paper's Table 1 by their short names (the names of <c>tagnn train --model</c>
/// and of Table 1's rows), with their default specifications.
/// </summary>
public static class NeuralBaselines
{
    /// <summary>The short names, in Table 1's order: bprmf, fpmc, gru4rec, narm, stamp.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bprmf", "fpmc", "gru4rec", "narm", "stamp"];

    /// <summary>Whether <paramref name="name"/> (any case) names a neural baseline.</summary>
    public static bool IsName(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the model <paramref name="name"/> keeps a row per training session (BPR-MF and FPMC: the
    /// trainer binds them to their training set, which sizes that table).</summary>
    public static bool HasSessionFactors(string name) =>
        string.Equals(name, "bprmf", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "fpmc", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The default specification of baseline <paramref name="name"/> (any case) for an item table of
    /// <paramref name="itemTableSize"/> rows (n + 1): defaults and their sources in docs/BASELINES.md.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, or an item table too small.</exception>
    public static ModelSpec Default(string name, int itemTableSize)
    {
        ArgumentNullException.ThrowIfNull(name);
        ModelSpec spec = name.Trim().ToLowerInvariant() switch
        {
            "gru4rec" => Gru4RecConfig.For(itemTableSize),
            "narm" => NarmConfig.For(itemTableSize),
            "stamp" => StampConfig.For(itemTableSize),
            "bprmf" => BprMfConfig.For(itemTableSize),
            "fpmc" => FpmcConfig.For(itemTableSize),
            _ => throw new ArgumentException($"Unknown neural baseline '{name}' (known: {string.Join(", ", Names)}).", nameof(name)),
        };
        spec.Validate();
        return spec;
    }
}
