using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tagnn.Notebooks.Host.Execution;

namespace Tagnn.Notebooks.Host.Html;

/// <summary>
/// Writes <c>index.html</c>: one row per executed notebook found in the output folder (title, status, cells, seconds,
/// mode, when), read back from the run metadata each executed notebook carries (<c>metadata.tagnn</c>), so the index
/// also lists notebooks executed by earlier runs.
/// </summary>
internal static class IndexPageWriter
{
    /// <summary>One row of the index.</summary>
    public sealed record Entry(string File, string Title, string Status, int CodeCells, int ExecutedCells, double Seconds,
        bool Smoke, string StartedAt, bool HasPage);

    /// <summary>Writes the index; returns its path.</summary>
    public static string Write(string outputDir)
    {
        var entries = Read(outputDir);
        var html = new StringBuilder();
        var total = entries.Sum(e => e.Seconds);
        var failed = entries.Count(e => e.Status != "ok");
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>TAGNN course notebooks</title>
            <link rel="stylesheet" href="{StaticAssets.Stylesheet}">
            </head>
            <body>
            <header class="page"><span>TAGNN course: session-based recommendation with target-attentive graph neural networks</span></header>
            <main>
            <h1>Course notebooks</h1>
            <p>{entries.Count} notebook(s), {(failed == 0 ? "all ran" : $"<span class=\"status-failed\">{failed} failed</span>")},
            {total.ToString("0.0", CultureInfo.InvariantCulture)} s in total. Each page shows the notebook as it ran, outputs included;
            open the <code>.ipynb</code> beside it in VS Code or Jupyter, or the original in <code>notebooks/</code> to run it yourself.</p>
            <table class="index">
            <thead><tr><th>Notebook</th><th>Status</th><th>Cells run</th><th>Seconds</th><th>Mode</th><th>Executed (UTC)</th><th>Executed notebook</th></tr></thead>
            <tbody>

            """);
        foreach (var e in entries)
        {
            var page = Path.ChangeExtension(e.File, ".html");
            var title = e.HasPage ? $"<a href=\"{Enc(page)}\">{Enc(e.Title)}</a>" : Enc(e.Title);
            html.Append($"<tr><td>{title}</td><td class=\"status-{Enc(e.Status)}\">{Enc(e.Status)}</td>" +
                        $"<td class=\"num\">{e.ExecutedCells}/{e.CodeCells}</td>" +
                        $"<td class=\"num\">{e.Seconds.ToString("0.0", CultureInfo.InvariantCulture)}</td>" +
                        $"<td>{(e.Smoke ? "smoke" : "full")}</td><td>{Enc(e.StartedAt)}</td>" +
                        $"<td><a href=\"{Enc(e.File)}\">{Enc(e.File)}</a></td></tr>\n");
        }
        html.Append("""
            </tbody>
            </table>
            </main>
            <footer class="page">Written by <code>tagnn notebooks run --html</code>. Pages work offline: scripts are in <code>assets/</code>.</footer>
            </body>
            </html>

            """);
        var path = Path.Combine(outputDir, "index.html");
        NotebookFiles.WriteAtomically(path, html.ToString());
        return path;
    }

    /// <summary>The executed notebooks of <paramref name="outputDir"/>, by file name.</summary>
    public static List<Entry> Read(string outputDir)
    {
        var entries = new List<Entry>();
        foreach (var file in Directory.EnumerateFiles(outputDir, "*.ipynb").Order(StringComparer.Ordinal))
        {
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (System.Text.Json.JsonException)
            {
                continue; // not one of ours
            }
            if (root?["metadata"]?["tagnn"] is not JsonObject meta) continue;
            var name = Path.GetFileName(file);
            var document = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook.Parse(File.ReadAllText(file), NotebookFiles.Kernels());
            entries.Add(new Entry(
                File: name,
                Title: HtmlPageWriter.Title(document) ?? Path.GetFileNameWithoutExtension(name),
                Status: (string?)meta["status"] ?? "?",
                CodeCells: (int?)meta["codeCells"] ?? 0,
                ExecutedCells: (int?)meta["executedCells"] ?? 0,
                Seconds: (double?)meta["seconds"] ?? 0,
                Smoke: (bool?)meta["smoke"] ?? false,
                StartedAt: DateTimeOffset.TryParse((string?)meta["startedAt"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
                HasPage: File.Exists(Path.ChangeExtension(file, ".html"))));
        }
        return entries;
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
