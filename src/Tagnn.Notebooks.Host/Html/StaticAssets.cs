using System.Reflection;
using System.Security.Cryptography;
using Tagnn.Notebooks.Host.Execution;

namespace Tagnn.Notebooks.Host.Html;

/// <summary>
/// The scripts and styles the HTML pages load, written once into <c>assets/</c> of the output folder and referenced
/// relatively, so the pages render with no network: plotly.js (the copy Plotly.NET embeds), MathJax 3 (the single-file
/// <c>tex-svg-full.js</c> component from npm <c>mathjax@3.2.2</c>, vendored with its Apache-2.0 licence as an embedded
/// resource of this program), the course stylesheet and a stand-in for RequireJS.
/// </summary>
internal static class StaticAssets
{
    /// <summary>Folder under the output folder.</summary>
    public const string Folder = "assets";

    /// <summary>Relative URL of plotly.js.</summary>
    public const string PlotlyScript = "assets/plotly.min.js";

    /// <summary>Relative URL of MathJax.</summary>
    public const string MathJaxScript = "assets/mathjax/tex-svg-full.js";

    /// <summary>Relative URL of the stylesheet.</summary>
    public const string Stylesheet = "assets/course.css";

    /// <summary>Relative URL of the RequireJS stand-in.</summary>
    public const string CourseScript = "assets/course.js";

    private const string ResourcePrefix = "assets/";

    /// <summary>Writes every asset that is missing or differs; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string outputDir)
    {
        var written = new List<string>();
        foreach (var (relative, bytes) in All())
        {
            var path = Path.Combine(outputDir, relative.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(path) && SameContent(path, bytes)) continue;
            NotebookFiles.WriteAtomically(path, bytes);
            written.Add(path);
        }
        return written;
    }

    /// <summary>Every asset: relative path under the output folder, content.</summary>
    public static IEnumerable<(string Relative, byte[] Bytes)> All()
    {
        var self = typeof(StaticAssets).Assembly;
        foreach (var name in self.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
            yield return (name.Replace('\\', '/'), Read(self, name));

        var plotly = typeof(Plotly.NET.GenericChart).Assembly;
        var script = plotly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        yield return (PlotlyScript, Read(plotly, script));
        var licence = plotly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".min.js.LICENSE.txt", StringComparison.Ordinal));
        if (licence is not null) yield return ("assets/plotly.min.js.LICENSE.txt", Read(plotly, licence));
    }

    /// <summary>The plotly.js version Plotly.NET embeds (from its resource name, e.g. <c>2.28.0</c>).</summary>
    public static string PlotlyVersion()
    {
        var name = typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceNames()
            .Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        var start = name.IndexOf("plotly-", StringComparison.Ordinal) + "plotly-".Length;
        return name[start..^".min.js".Length];
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is missing from {assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool SameContent(string path, byte[] bytes) =>
        new FileInfo(path).Length == bytes.Length &&
        SHA256.HashData(File.ReadAllBytes(path)).AsSpan().SequenceEqual(SHA256.HashData(bytes));
}
