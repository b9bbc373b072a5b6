namespace Tagnn.Model.Variants;

/// <summary>
/// One replaced part of a <see cref="VariantSpec"/>, as a run folder records it: the name its factory is registered
/// under (<see cref="Part"/>), what it is in words, and which code it was (the type, its assembly and a fingerprint of
/// the type's compiled code), so a table of results says what each row ran.
/// </summary>
public sealed record PartSpec
{
    /// <summary>Which part it replaces.</summary>
    public required PartRole Role { get; init; }

    /// <summary>The name its factory is registered under (e.g. <c>recency-prior</c>); also how tables name it.</summary>
    public required string Name { get; init; }

    /// <summary>What it computes, in a line (given by its author), or null.</summary>
    public string? Description { get; init; }

    /// <summary>The type that implements it (its full name; a notebook cell's types are nested in a submission class,
    /// e.g. <c>Submission#7+RecencyAttention</c>).</summary>
    public required string Type { get; init; }

    /// <summary>The name of the assembly that defined the type (a notebook cell compiles to its own assembly).</summary>
    public required string Assembly { get; init; }

    /// <summary>SHA-256 (hex) of the type's compiled code (<see cref="CodeFingerprint"/>): changes when the part's
    /// code changes; a run folder's part must match the registered one to be rebuilt.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The part in a few words: <c>target attention = recency-prior (Recency prior; code 1a2b3c4d)</c>.</summary>
    public string Describe() =>
        $"{RoleName(Role)} = {Name} ({(Description is null ? "" : Description + "; ")}code {Fingerprint[..Math.Min(8, Fingerprint.Length)]})";

    /// <summary>The role in words (<c>target attention</c>).</summary>
    public static string RoleName(PartRole role) => role switch
    {
        PartRole.ItemEmbedding => "item embedding",
        PartRole.GraphEncoder => "graph encoder",
        PartRole.Readout => "readout",
        PartRole.TargetAttention => "target attention",
        PartRole.Combiner => "combiner",
        PartRole.Scorer => "scorer",
        _ => role.ToString(),
    };
}
