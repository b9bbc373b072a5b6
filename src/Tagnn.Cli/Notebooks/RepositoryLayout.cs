using System.Text.RegularExpressions;

namespace Tagnn.Cli.Notebooks;

/// <summary>Where the course's pieces live in a checkout: notebooks, the Release library they load, the host.</summary>
/// <param name="Root">The repository root (the folder holding Tagnn.Notebooks.sln).</param>
internal sealed partial record RepositoryLayout(string Root)
{
    /// <summary>The file that marks the repository root.</summary>
    public const string Marker = "Tagnn.Notebooks.sln";

    /// <summary>The notebooks folder.</summary>
    public string NotebooksDir => Path.Combine(Root, "notebooks");

    /// <summary>The default output folder of <c>tagnn notebooks run</c>.</summary>
    public string DefaultOutputDir => Path.Combine(Root, "artifacts", "notebooks");

    /// <summary>The library project.</summary>
    public string LibraryProject => Path.Combine(Root, "src", "Tagnn", "Tagnn.csproj");

    /// <summary>The Release library notebooks reference (<c>#r "../src/Tagnn/bin/Release/net10.0/Tagnn.dll"</c>).</summary>
    public string LibraryDll => Path.Combine(Root, "src", "Tagnn", "bin", "Release", "net10.0", "Tagnn.dll");

    /// <summary>The notebook host project.</summary>
    public string HostProject => Path.Combine(Root, "src", "Tagnn.Notebooks.Host", "Tagnn.Notebooks.Host.csproj");

    /// <summary>The notebook host (always the Release build).</summary>
    public string HostDll => Path.Combine(Root, "src", "Tagnn.Notebooks.Host", "bin", "Release", "net10.0", "Tagnn.Notebooks.Host.dll");

    /// <summary>The course notebooks, <c>notebooks/NN-*.ipynb</c>, in order.</summary>
    public IReadOnlyList<string> CourseNotebooks() =>
        Directory.Exists(NotebooksDir)
            ? Directory.EnumerateFiles(NotebooksDir, "*.ipynb")
                .Where(p => CourseNotebookName().IsMatch(Path.GetFileName(p)))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>
    /// Resolves the names given on the command line: a path to an .ipynb file, or a course notebook by file name, by
    /// name without extension, or by number (<c>00</c>, <c>00-setup</c>, <c>00-setup.ipynb</c>). No names: every course
    /// notebook.
    /// </summary>
    /// <exception cref="ArgumentException">A name matches nothing (the message lists the notebooks) or several.</exception>
    public IReadOnlyList<string> Resolve(IReadOnlyList<string> names)
    {
        var all = CourseNotebooks();
        if (names.Count == 0) return all;
        var result = new List<string>();
        foreach (var name in names)
        {
            if (name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) && File.Exists(name))
            {
                result.Add(Path.GetFullPath(name));
                continue;
            }
            var stem = Path.GetFileNameWithoutExtension(name);
            var matches = all.Where(p =>
            {
                var s = Path.GetFileNameWithoutExtension(p);
                return s.Equals(stem, StringComparison.OrdinalIgnoreCase) || s.StartsWith(stem + "-", StringComparison.OrdinalIgnoreCase);
            }).ToList();
            if (matches.Count != 1)
            {
                var available = all.Count == 0 ? "(none)" : string.Join(", ", all.Select(Path.GetFileName));
                throw new ArgumentException(matches.Count == 0
                    ? $"No notebook matches '{name}'. Notebooks in {NotebooksDir}: {available}"
                    : $"'{name}' matches several notebooks: {string.Join(", ", matches.Select(Path.GetFileName))}");
            }
            result.Add(matches[0]);
        }
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Finds the repository from the current directory, then from where this program runs.</summary>
    /// <exception cref="InvalidOperationException">Neither is inside a checkout.</exception>
    public static RepositoryLayout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return new RepositoryLayout(dir.FullName);
            }
        }
        throw new InvalidOperationException(
            $"Run this command inside the repository ({Marker} was not found above {Directory.GetCurrentDirectory()}).");
    }

    [GeneratedRegex(@"^\d{2}-.+\.ipynb$")]
    private static partial Regex CourseNotebookName();
}
