using Tagnn.Model.Parts;
using Tagnn.Model.Scoring;
using static TorchSharp.torch;

namespace Tagnn.Model.Variants;

/// <summary>
/// A researcher's variant of TAGNN or SR-GNN: a base configuration (<see cref="Base"/>) with some of its parts
/// replaced by parts registered with <see cref="Part"/> (defined in a notebook cell or a class library). Recorded in
/// run folders as <c>"type": "variant"</c> with the base, each replacement's role, name, description, type, assembly
/// and code fingerprint, so a table of results says what each row ran; trained, checkpointed, resumed and evaluated
/// like the built-in models.
/// </summary>
/// <remarks>
/// Building a variant (<see cref="Build"/>, which loading a run folder does) needs its parts registered in the
/// process with the same code; otherwise the error names the part, its type and its assembly. A variant loaded from a
/// class library by <c>tagnn train --variant</c> records it in <see cref="Provider"/>, so <c>tagnn train --resume</c>
/// and <c>tagnn evaluate</c> load it again.
/// </remarks>
public sealed record VariantSpec : ModelSpec
{
    /// <summary>The <c>"type"</c> of this record in JSON.</summary>
    public const string TypeName = "variant";

    /// <summary>The variant's name in tables (e.g. <c>TAGNN+recency</c>).</summary>
    public required string VariantName { get; init; }

    /// <summary>The configuration the variant starts from (the parts it does not replace are built from it).</summary>
    public required ModelConfig Base { get; init; }

    /// <summary>The replaced parts (at most one per role).</summary>
    public required IReadOnlyList<PartSpec> Parts { get; init; }

    /// <summary>The class library that provides the variant (<c>ASSEMBLY:TYPE</c> with the assembly's full path, as
    /// <c>tagnn train --variant</c> loaded it), or null (a notebook's variant).</summary>
    public string? Provider { get; init; }

    /// <inheritdoc />
    public override string Name => VariantName;

    /// <inheritdoc />
    public override int ItemCount => Base.ItemCount;

    /// <summary>A variant of <paramref name="baseConfig"/> named <paramref name="name"/> with <paramref name="parts"/>
    /// replaced (validated).</summary>
    public static VariantSpec Of(string name, ModelConfig baseConfig, params PartSpec[] parts)
    {
        var spec = new VariantSpec { VariantName = name, Base = baseConfig, Parts = parts };
        spec.Validate();
        return spec;
    }

    /// <summary>The same variant on another base (e.g. another d or number of GNN steps in a sweep).</summary>
    public VariantSpec WithBase(ModelConfig baseConfig) => this with { Base = baseConfig };

    /// <summary>E.g. <c>TAGNN+recency: variant of TAGNN, reference formulation, ..., d 100, 1 GNN step(s); target
    /// attention = recency-prior (...; code 1a2b3c4d)</c>.</summary>
    public override string Describe() =>
        $"{VariantName}: variant of {Base.Describe()}; {string.Join("; ", Parts.Select(p => p.Describe()))}";

    /// <inheritdoc />
    public override void Validate()
    {
        if (string.IsNullOrWhiteSpace(VariantName)) throw new ArgumentException("A variant needs a name.");
        if (Base is null) throw new ArgumentException($"Variant {VariantName} has no base configuration.");
        Base.Validate();
        if (Parts is null || Parts.Count == 0) throw new ArgumentException($"Variant {VariantName} replaces no part: use its base configuration.");
        var twice = Parts.GroupBy(p => p.Role).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"Variant {VariantName} replaces the {PartSpec.RoleName(twice.Key)} twice.");
        foreach (var part in Parts)
        {
            if (part.Role is PartRole.TargetAttention or PartRole.Scorer && !Base.TargetAttention)
                throw new ArgumentException($"Variant {VariantName} replaces the {PartSpec.RoleName(part.Role)}, but its base has target attention off.");
        }
    }

    /// <summary>Assembles the model with the registered parts (<see cref="ModelFactory.Create(ModelConfig, PartOverrides?, ModelSpec?, long, Device?)"/>).</summary>
    /// <exception cref="InvalidOperationException">A part is not registered in this process, or with other code.</exception>
    public override SessionModel Build(long seed = 0, Device? device = null)
    {
        Validate();
        var context = new PartContext(Base);
        T? Get<T>(PartRole role, PartContext c) where T : class
        {
            var part = Parts.FirstOrDefault(p => p.Role == role);
            if (part is null) return null;
            var built = Part.Build(part, c);
            return built as T ?? throw new InvalidOperationException(
                $"The {PartSpec.RoleName(role)} part '{part.Name}' built a {built.GetType().FullName}, which does not implement {typeof(T).FullName}.");
        }
        // Parts are made in the model's order; the combiner and the target attention see the readout.
        var overrides = new PartOverrides
        {
            Embedding = () => Get<IItemEmbedding>(PartRole.ItemEmbedding, context),
            GraphEncoder = () => Get<IGraphEncoder>(PartRole.GraphEncoder, context),
            Readout = () => Get<ISessionReadout>(PartRole.Readout, context),
            Combiner = readout => Get<ISessionCombiner>(PartRole.Combiner, context with { Readout = readout }),
            TargetAttention = readout => Get<ITargetAttention>(PartRole.TargetAttention, context with { Readout = readout }),
            Scorer = () => Get<ITargetScorer>(PartRole.Scorer, context),
        };
        return ModelFactory.Create(Base, overrides, this, seed, device);
    }

    /// <inheritdoc />
    public bool Equals(VariantSpec? other) =>
        other is not null && VariantName == other.VariantName && Base == other.Base && Provider == other.Provider &&
        Parts.SequenceEqual(other.Parts);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(VariantName);
        hash.Add(Base);
        hash.Add(Provider);
        foreach (var part in Parts) hash.Add(part);
        return hash.ToHashCode();
    }
}
