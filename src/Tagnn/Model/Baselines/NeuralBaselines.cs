using Tagnn.Data;

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

    /// <summary>Whether the model <paramref name="name"/> needs the number of training sessions (BPR-MF and FPMC keep
    /// one factor row per training session).</summary>
    public static bool NeedsSessions(string name) =>
        string.Equals(name, "bprmf", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "fpmc", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The default specification of baseline <paramref name="name"/> for an item table of
    /// <paramref name="itemTableSize"/> rows (n + 1) and <paramref name="trainingSessions"/> training sessions (used
    /// by bprmf and fpmc only; count them with <see cref="SessionDataset.SessionStarts"/> of the set the model will
    /// train on, after any smoke-mode limit and validation split).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, or no sessions for bprmf / fpmc.</exception>
    public static ModelSpec Default(string name, int itemTableSize, int trainingSessions)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (NeedsSessions(name) && trainingSessions < 1)
            throw new ArgumentException($"{name} keeps one factor row per training session: give the number of training sessions.", nameof(trainingSessions));
        ModelSpec spec = name.ToLowerInvariant() switch
        {
            "gru4rec" => Gru4RecConfig.For(itemTableSize),
            "narm" => NarmConfig.For(itemTableSize),
            "stamp" => StampConfig.For(itemTableSize),
            "bprmf" => BprMfConfig.For(itemTableSize, trainingSessions),
            "fpmc" => FpmcConfig.For(itemTableSize, trainingSessions),
            _ => throw new ArgumentException($"Unknown neural baseline '{name}' (known: {string.Join(", ", Names)}).", nameof(name)),
        };
        spec.Validate();
        return spec;
    }

    /// <summary>The default specification of baseline <paramref name="name"/> for the training examples
    /// <paramref name="train"/> (its sessions counted) and an item table of <paramref name="itemTableSize"/> rows.</summary>
    public static ModelSpec Default(string name, int itemTableSize, SessionDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Default(name, itemTableSize, train.SessionStarts().Count);
    }
}
