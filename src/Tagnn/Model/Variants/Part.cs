using Tagnn.Model.Parts;
using Tagnn.Model.Scoring;
using static TorchSharp.torch;

namespace Tagnn.Model.Variants;

/// <summary>
/// Makes a part known to the process under a name, with the factory that builds it, and returns what a
/// <see cref="VariantSpec"/> records about it. Registering a name again replaces its factory (re-running a notebook
/// cell after changing the part), so the newest code is the one built.
/// </summary>
/// <example>
/// <code>
/// var recency = Part.TargetAttention("recency-prior", c => new RecencyAttention(c.HiddenSize), "beta with a learned prior per distance");
/// var spec = VariantSpec.Of("TAGNN+recency", ModelConfig.ForTagnn(itemTableSize), recency);
/// </code>
/// </example>
public static class Part
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Registration> Registered = new(StringComparer.Ordinal);

    /// <summary>An item embedding (<see cref="IItemEmbedding"/>).</summary>
    public static PartSpec ItemEmbedding<T>(string name, Func<PartContext, T> create, string? description = null)
        where T : nn.Module, IItemEmbedding => Register(PartRole.ItemEmbedding, name, create, description);

    /// <summary>A graph encoder (<see cref="IGraphEncoder"/>, Eq. 1-5).</summary>
    public static PartSpec GraphEncoder<T>(string name, Func<PartContext, T> create, string? description = null)
        where T : nn.Module, IGraphEncoder => Register(PartRole.GraphEncoder, name, create, description);

    /// <summary>A readout (<see cref="ISessionReadout"/>, Eq. 8-9).</summary>
    public static PartSpec Readout<T>(string name, Func<PartContext, T> create, string? description = null)
        where T : nn.Module, ISessionReadout => Register(PartRole.Readout, name, create, description);

    /// <summary>A target attention (<see cref="ITargetAttention"/>, Eq. 6-7).</summary>
    public static PartSpec TargetAttention<T>(string name, Func<PartContext, T> create, string? description = null)
        where T : nn.Module, ITargetAttention => Register(PartRole.TargetAttention, name, create, description);

    /// <summary>A combiner (<see cref="ISessionCombiner"/>, Eq. 10).</summary>
    public static PartSpec Combiner<T>(string name, Func<PartContext, T> create, string? description = null)
        where T : nn.Module, ISessionCombiner => Register(PartRole.Combiner, name, create, description);

    /// <summary>A scorer of keyed target attention (<see cref="ITargetScorer"/>; not a module: it has no
    /// parameters).</summary>
    public static PartSpec Scorer<T>(string name, Func<PartContext, T> create, string? description = null)
        where T : class, ITargetScorer => Register(PartRole.Scorer, name, create, description);

    /// <summary>What is registered under <paramref name="name"/>, or null.</summary>
    public static PartSpec? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Gate) return Registered.GetValueOrDefault(name)?.Spec;
    }

    /// <summary>Every registered part, by name.</summary>
    public static IReadOnlyList<PartSpec> All()
    {
        lock (Gate) return [.. Registered.Values.Select(r => r.Spec).OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>Builds the part <paramref name="spec"/> records with the registered factory.</summary>
    /// <exception cref="InvalidOperationException">Nothing is registered under its name, or the registered part is
    /// another role or other code (its fingerprint differs): the message names the type and its assembly.</exception>
    public static object Build(PartSpec spec, PartContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        Registration? registration;
        lock (Gate) registration = Registered.GetValueOrDefault(spec.Name);
        var what = $"the {PartSpec.RoleName(spec.Role)} part '{spec.Name}' (type {spec.Type} from assembly {spec.Assembly})";
        if (registration is null)
            throw new InvalidOperationException(
                $"Cannot build {what}: no part of that name is registered in this process. In a notebook, run the cell that " +
                $"defines the type and registers it (Part.{spec.Role}(\"{spec.Name}\", ...)); from the command line, pass the " +
                "class library that provides it (tagnn train --variant ASSEMBLY:TYPE, or the variant recorded in the run's config.json).");
        if (registration.Spec.Role != spec.Role)
            throw new InvalidOperationException($"Cannot build {what}: '{spec.Name}' is registered as a {PartSpec.RoleName(registration.Spec.Role)} part.");
        if (registration.Spec.Fingerprint != spec.Fingerprint)
            throw new InvalidOperationException(
                $"Cannot build {what}: '{spec.Name}' is registered with other code (type {registration.Spec.Type} from assembly " +
                $"{registration.Spec.Assembly}, code {registration.Spec.Fingerprint[..8]}; the specification records code {spec.Fingerprint[..Math.Min(8, spec.Fingerprint.Length)]}). " +
                "Run the code the specification was made with, or make a new specification from the current part.");
        return registration.Create(context) ?? throw new InvalidOperationException($"The factory of {what} returned null.");
    }

    private static PartSpec Register<T>(PartRole role, string name, Func<PartContext, T> create, string? description) where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A part needs a name.", nameof(name));
        var type = typeof(T);
        var spec = new PartSpec
        {
            Role = role,
            Name = name,
            Description = description,
            Type = type.FullName ?? type.Name,
            Assembly = type.Assembly.GetName().Name ?? "(unnamed)",
            Fingerprint = CodeFingerprint.Of(type),
        };
        lock (Gate) Registered[name] = new Registration(spec, c => create(c));
        return spec;
    }

    private sealed record Registration(PartSpec Spec, Func<PartContext, object> Create);
}
