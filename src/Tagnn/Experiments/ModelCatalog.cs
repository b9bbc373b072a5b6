using Tagnn.Evaluation;
using Tagnn.Evaluation.Baselines;
using Tagnn.Model;

namespace Tagnn.Experiments;

/// <summary>
/// The models a results table can hold, by name: each either a non-neural baseline (<see cref="BaselineEntry"/>) or a
/// trainable model (<see cref="NeuralEntry"/>). <see cref="Default"/> is the catalog of <c>tagnn table1</c>: the
/// TAGNN paper's ten methods of Table 1 and four neighbourhood and rule baselines (<see cref="Table1Names"/>).
/// Tests, notebooks and plug-ins make their own with <see cref="With"/>.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>Why the five neural baselines cannot run yet (<see cref="UnavailableEntry.Reason"/>).</summary>
    public const string NotInThisBuild = "not available in this build";

    /// <summary>The names of Table 1 in table order: the paper's rows, then the baselines it does not have.</summary>
    public static IReadOnlyList<string> Table1Names { get; } =
        ["pop", "spop", "itemknn", "bprmf", "fpmc", "gru4rec", "narm", "stamp", "srgnn", "tagnn", "sknn", "vsknn", "stan", "sr"];

    /// <summary>
    /// The catalog of <c>tagnn table1</c>, one line per model. The non-neural baselines and SR-GNN/TAGNN run with
    /// their documented defaults (docs/BASELINES.md, docs/MODEL.md); the neural baselines of
    /// <c>Tagnn.Model.Baselines</c> plug in as one <see cref="NeuralEntry"/> each, in place of their
    /// <see cref="UnavailableEntry"/> (docs/TABLE1.md, "Adding a model").
    /// </summary>
    public static ModelCatalog Default { get; } = new(
    [
        new BaselineEntry("pop", Paper("pop"), () => new PopSpec()),
        new BaselineEntry("spop", Paper("spop"), () => new SpopSpec()),
        new BaselineEntry("itemknn", Paper("itemknn"), () => new ItemKnnSpec()),
        new UnavailableEntry("bprmf", Paper("bprmf"), NotInThisBuild),
        new UnavailableEntry("fpmc", Paper("fpmc"), NotInThisBuild),
        new UnavailableEntry("gru4rec", Paper("gru4rec"), NotInThisBuild),
        new UnavailableEntry("narm", Paper("narm"), NotInThisBuild),
        new UnavailableEntry("stamp", Paper("stamp"), NotInThisBuild),
        new NeuralEntry("srgnn", Paper("srgnn"), n => ModelConfig.ForSrGnn(n)),
        new NeuralEntry("tagnn", Paper("tagnn"), n => ModelConfig.ForTagnn(n)),
        new BaselineEntry("sknn", "SKNN", () => new SknnSpec()),
        new BaselineEntry("vsknn", "V-SKNN", () => new VsknnSpec()),
        new BaselineEntry("stan", "STAN", () => new StanSpec()),
        new BaselineEntry("sr", "SR", () => new SrSpec()),
    ]);

    private readonly CatalogEntry[] entries;

    /// <summary>A catalog of <paramref name="entries"/>, in table order.</summary>
    /// <exception cref="ArgumentException">A malformed or repeated name.</exception>
    public ModelCatalog(IEnumerable<CatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = [.. entries];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in this.entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            entry.Validate();
            if (!seen.Add(entry.Name)) throw new ArgumentException($"The catalog lists '{entry.Name}' twice.", nameof(entries));
        }
    }

    /// <summary>Every model, in table order.</summary>
    public IReadOnlyList<CatalogEntry> Entries => entries;

    /// <summary>The models this build can run, in table order.</summary>
    public IReadOnlyList<CatalogEntry> Available => [.. entries.Where(e => e.IsAvailable)];

    /// <summary>The models this build cannot run.</summary>
    public IReadOnlyList<UnavailableEntry> Unavailable => [.. entries.OfType<UnavailableEntry>()];

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public CatalogEntry? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        return entries.FirstOrDefault(e => e.Name == key);
    }

    /// <summary>This catalog with <paramref name="entry"/> in place of the model of the same name (or added last).</summary>
    public ModelCatalog With(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var at = Array.FindIndex(entries, e => e.Name == entry.Name);
        return new ModelCatalog(at < 0 ? [.. entries, entry] : entries.Select((e, i) => i == at ? entry : e));
    }

    /// <summary>
    /// The models called <paramref name="names"/>, in table order (each once); null or empty means every available
    /// model.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name, or one this build cannot run; the message names them
    /// and lists what can run.</exception>
    public IReadOnlyList<CatalogEntry> Select(IEnumerable<string>? names)
    {
        var requested = names?.Select(n => n.Trim().ToLowerInvariant()).Where(n => n.Length > 0).Distinct().ToList() ?? [];
        if (requested.Count == 0) return Available;
        var unknown = requested.Where(n => Find(n) is null).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown model{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(n => $"'{n}'"))}; " +
                $"known: {string.Join(", ", entries.Select(e => e.Name))}.");
        var unavailable = requested.Select(n => Find(n)!).OfType<UnavailableEntry>().ToList();
        if (unavailable.Count > 0)
            throw new ArgumentException(string.Join("; ", unavailable.GroupBy(u => u.Reason).Select(g =>
                $"{string.Join(", ", g.Select(u => u.Name))} {(g.Count() > 1 ? "are" : "is")} {g.Key}")) +
                $". Available: {string.Join(", ", Available.Select(e => e.Name))}.");
        return [.. entries.Where(e => requested.Contains(e.Name))];
    }

    /// <summary>Splits a comma-separated list of names (<c>pop,srgnn, tagnn</c>).</summary>
    public static IReadOnlyList<string> ParseList(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Paper(string key) => PublishedResults.TagnnTable1.First(r => r.ModelKey == key).Model;
}
