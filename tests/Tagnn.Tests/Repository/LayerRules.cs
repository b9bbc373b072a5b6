namespace Tagnn.Tests.Repository;

/// <summary>
/// The layers of the core library (docs/ARCHITECTURE.md) and which lower layers each may use. A namespace belongs to
/// the layer whose name is its longest prefix (<c>Tagnn.Model.Scoring</c> and <c>Tagnn.Model.Baselines</c> are
/// Model); the namespaces of one layer may use each other.
/// </summary>
internal static class LayerRules
{
    /// <summary>The layers, lowest first, each with the layers it may use.</summary>
    public static readonly IReadOnlyList<(string Layer, string[] May)> Layers =
    [
        ("Tagnn.Runtime", []),
        ("Tagnn.IO", []),
        ("Tagnn.Data", ["Tagnn.Runtime", "Tagnn.IO"]),
        ("Tagnn.Graphs", ["Tagnn.Runtime", "Tagnn.IO", "Tagnn.Data"]),
        ("Tagnn.Model", ["Tagnn.Runtime", "Tagnn.IO", "Tagnn.Data", "Tagnn.Graphs"]),
        ("Tagnn.Evaluation", ["Tagnn.Runtime", "Tagnn.IO", "Tagnn.Data", "Tagnn.Graphs", "Tagnn.Model"]),
        ("Tagnn.Training", ["Tagnn.Runtime", "Tagnn.IO", "Tagnn.Data", "Tagnn.Graphs", "Tagnn.Model", "Tagnn.Evaluation"]),
        ("Tagnn.Experiments", ["Tagnn.Runtime", "Tagnn.IO", "Tagnn.Data", "Tagnn.Graphs", "Tagnn.Model", "Tagnn.Evaluation", "Tagnn.Training"]),
    ];

    /// <summary>The layer of a namespace of this project (<c>Tagnn</c> or <c>Tagnn.*</c>), or null when no layer
    /// claims it.</summary>
    public static string? LayerOf(string ns) => Layers.Select(l => l.Layer)
        .Where(l => ns == l || ns.StartsWith(l + ".", StringComparison.Ordinal))
        .MaxBy(l => l.Length);

    /// <summary>Whether <paramref name="ns"/> is one of this project's namespaces.</summary>
    public static bool IsProjectNamespace(string ns) => ns == "Tagnn" || ns.StartsWith("Tagnn.", StringComparison.Ordinal);

    /// <summary>
    /// Every dependency of the core that breaks a rule: a core namespace no layer claims, a use of a higher layer (or
    /// of a same-rank neighbour such as Runtime/IO), or of a project namespace outside the core (the course layer,
    /// the command line).
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<Dependency> dependencies)
    {
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var d in dependencies)
        {
            if (!IsProjectNamespace(d.FromNamespace)) continue;        // compiler-injected attributes and the like
            var from = LayerOf(d.FromNamespace);
            if (from is null)
            {
                problems.Add($"{d.FromNamespace} belongs to no layer (add it to LayerRules and docs/ARCHITECTURE.md): {d.FromType}");
                continue;
            }
            if (!IsProjectNamespace(d.ToNamespace)) continue;          // the framework, TorchSharp, packages
            var to = LayerOf(d.ToNamespace);
            if (to == from) continue;
            var allowed = Layers.Single(l => l.Layer == from).May;
            if (to is null || !allowed.Contains(to))
                problems.Add($"{from} may not use {to ?? d.ToNamespace}: {d}");
        }
        return [.. problems];
    }
}
