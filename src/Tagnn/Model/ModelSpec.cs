using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// What a model is, not its weights: everything needed to build it again (<see cref="Build"/>), recorded in every
/// run folder's <c>config.json</c> and checkpoint. <see cref="ModelConfig"/> is TAGNN and SR-GNN; other models add
/// their own record.
/// </summary>
/// <remarks>
/// <para>In JSON a specification carries a type discriminator, <c>"type"</c>, naming its record (e.g.
/// <c>"session_gnn"</c> for <see cref="ModelConfig"/>); a record defined outside this library (a test, a notebook, a
/// plug-in) is made known with <see cref="Register{TSpec}"/> before its runs are written or read. An object without
/// a discriminator is a <see cref="ModelConfig"/> written before discriminators existed (run format
/// <c>tagnn-run/1</c>), read with that format's defaults.</para>
/// <para>A record's equality is its value equality: two specifications are equal when they build the same
/// function.</para>
/// </remarks>
[JsonConverter(typeof(ModelSpecJsonConverter))]
public abstract record ModelSpec
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Type> TypesByName = new(StringComparer.Ordinal)
    {
        [ModelConfig.TypeName] = typeof(ModelConfig),
        [Baselines.Gru4RecConfig.TypeName] = typeof(Baselines.Gru4RecConfig),
        [Baselines.NarmConfig.TypeName] = typeof(Baselines.NarmConfig),
        [Baselines.StampConfig.TypeName] = typeof(Baselines.StampConfig),
        [Baselines.BprMfConfig.TypeName] = typeof(Baselines.BprMfConfig),
        [Baselines.FpmcConfig.TypeName] = typeof(Baselines.FpmcConfig),
        [Variants.VariantSpec.TypeName] = typeof(Variants.VariantSpec),
    };

    /// <summary>The model's name as tables show it (e.g. <c>TAGNN</c>, <c>SR-GNN</c>).</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>The name in lower-case letters and digits only, for file and folder names (e.g. <c>srgnn</c>).</summary>
    [JsonIgnore]
    public string ShortName => string.Concat(Name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();

    /// <summary>N: the number of candidate items (items 1..N).</summary>
    [JsonIgnore]
    public abstract int ItemCount { get; }

    /// <summary>The model in one line, with every setting that changes its function (the one description used by
    /// <c>config.json</c>, <c>summary.json</c>, the CLI and the notebooks).</summary>
    public abstract string Describe();

    /// <summary>
    /// Builds the model, initialised as a pure function of <paramref name="seed"/> (on the CPU, then moved to
    /// <paramref name="device"/>, so the same seed gives the same weights on every device).
    /// </summary>
    /// <param name="seed">The initialisation seed.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    public abstract SessionRecommender Build(long seed = 0, Device? device = null);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public virtual void Validate()
    {
        if (ItemCount < 1) throw new ArgumentException($"{Name} needs at least one item, got {ItemCount}.");
    }

    /// <summary>
    /// Makes a specification record known to JSON under <paramref name="typeName"/> (its <c>"type"</c> in
    /// <c>config.json</c>). Registering the same pair again does nothing.
    /// </summary>
    /// <typeparam name="TSpec">The record.</typeparam>
    /// <param name="typeName">Lower-case letters, digits and underscores, e.g. <c>mean_of_embeddings</c>.</param>
    /// <exception cref="ArgumentException">The name is malformed, or already names another record, or the record
    /// is registered under another name.</exception>
    public static void Register<TSpec>(string typeName) where TSpec : ModelSpec
    {
        ArgumentNullException.ThrowIfNull(typeName);
        if (typeName.Length == 0 || !typeName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            throw new ArgumentException($"Model type name '{typeName}' must be lower-case letters, digits and underscores.", nameof(typeName));
        lock (Gate)
        {
            if (TypesByName.TryGetValue(typeName, out var existing))
            {
                if (existing == typeof(TSpec)) return;
                throw new ArgumentException($"Model type name '{typeName}' already names {existing.FullName}.", nameof(typeName));
            }
            var other = TypesByName.FirstOrDefault(p => p.Value == typeof(TSpec)).Key;
            if (other is not null)
                throw new ArgumentException($"{typeof(TSpec).FullName} is already registered as '{other}'.", nameof(typeName));
            TypesByName[typeName] = typeof(TSpec);
        }
    }

    /// <summary>The record registered under <paramref name="typeName"/>, or null.</summary>
    public static Type? TypeOf(string typeName)
    {
        lock (Gate) return TypesByName.GetValueOrDefault(typeName);
    }

    /// <summary>The name <paramref name="type"/> is registered under, or null.</summary>
    public static string? TypeNameOf(Type type)
    {
        lock (Gate) return TypesByName.FirstOrDefault(p => p.Value == type).Key;
    }

    /// <summary>Every registered name, sorted.</summary>
    public static IReadOnlyList<string> TypeNames()
    {
        lock (Gate) return [.. TypesByName.Keys.Order(StringComparer.Ordinal)];
    }
}
