using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Tagnn.Cli.Notebooks;

namespace Tagnn.Cli.Commands.Notebooks;

/// <summary>
/// After <c>tagnn notebooks run --course-runs MODE</c>: lists the shipped course runs (folder, size, whether this session
/// asked for it and regenerated it, the notebooks that asked for it) and, after a successful run of the whole course,
/// deletes the ones no notebook asked for.
/// </summary>
/// <param name="root">The repository root.</param>
/// <param name="console">Where the table goes.</param>
internal sealed class ShippedCourseRuns(string root, IAnsiConsole console)
{
    /// <summary>Prints the table; with <paramref name="prune"/>, deletes the runs the session's notebooks did not ask for.</summary>
    public void Report(CourseRunsSession session, bool prune)
    {
        var folder = Path.Combine(root, CourseRunVariables.ShippedRelativePath);
        var runs = Directory.Exists(folder) ? Directory.GetDirectories(folder).Order(StringComparer.Ordinal).ToList() : [];
        var requested = session.Requested();
        var table = new Table().AddColumns("Shipped run", "Size", "Asked for", "Regenerated", "Notebooks");
        table.Columns[1].RightAligned();
        long total = 0;
        var unused = new List<string>();
        foreach (var run in runs)
        {
            var (generated, notebooks) = ReadManifest(run);
            var asked = requested.Contains(Path.GetFileName(run));
            var size = Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            if (asked) total += size;
            else unused.Add(run);
            table.AddRow(new Text(Path.GetFileName(run)), new Text(Megabytes(size)), new Markup(asked ? "[green]yes[/]" : "[yellow]no[/]"),
                new Text(generated is { } g && g >= session.Since ? "yes" : "no"), new Text(string.Join(", ", notebooks)));
        }
        console.Write(table);
        console.MarkupLineInterpolated($"The notebooks asked for {runs.Count - unused.Count} shipped run(s), {Megabytes(total)} in {CourseRunVariables.ShippedRelativePath}/.");
        if (unused.Count == 0) return;
        if (prune)
        {
            foreach (var run in unused) Directory.Delete(run, recursive: true);
            console.MarkupLineInterpolated($"Deleted {unused.Count} shipped run(s) that no notebook asked for.");
        }
        else
        {
            console.MarkupLineInterpolated(
                $"[yellow]{unused.Count} shipped run(s) were not asked for[/] (only a complete, successful run of every notebook deletes them).");
        }
    }

    private static (DateTimeOffset? Generated, IReadOnlyList<string> Notebooks) ReadManifest(string run)
    {
        var path = Path.Combine(run, CourseRunVariables.ManifestFile);
        if (!File.Exists(path)) return (null, ["(no manifest)"]);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var generated = doc.RootElement.TryGetProperty("generated", out var g) && g.ValueKind == JsonValueKind.String
                ? DateTimeOffset.Parse(g.GetString()!, CultureInfo.InvariantCulture)
                : (DateTimeOffset?)null;
            var notebooks = doc.RootElement.TryGetProperty("notebooks", out var n) && n.ValueKind == JsonValueKind.Array
                ? n.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
                : [];
            return (generated, notebooks);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return (null, [$"(unreadable manifest: {e.Message})"]);
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
}
