using System.Text.RegularExpressions;
using Tagnn.Runtime;

namespace Tagnn.Cli.Notebooks;

/// <summary>Where the course's pieces live in a checkout: notebooks, the Release libraries they load, the host.</summary>
/// <param name="Root">The repository root (the folder holding <see cref="RepositoryRoot.Marker"/>).</param>
internal sealed partial record RepositoryLayout(string Root)
{
    /// <summary>The notebooks folder.</summary>
    public string NotebooksDir => Path.Combine(Root, "notebooks");

    /// <summary>The default output folder of <c>tagnn notebooks run</c>.</summary>
    public string DefaultOutputDir => Path.Combine(Root, "artifacts", "notebooks");

    /// <summary>The core library's project folder (<c>src/Tagnn</c>).</summary>
    public string CoreDir => Path.Combine(Root, "src", "Tagnn");

    /// <summary>The course library's project folder (<c>src/Tagnn.Course</c>).</summary>
    public string CourseDir => Path.Combine(Root, "src", "Tagnn.Course");

    /// <summary>The course library project, which the notebooks load (it references the core).</summary>
    public string CourseProject => Path.Combine(CourseDir, "Tagnn.Course.csproj");

    /// <summary>The Release build folder notebooks reference
    /// (<c>#r "../src/Tagnn.Course/bin/Release/net10.0/Tagnn.Course.dll"</c>, and Tagnn.dll from the same folder).</summary>
    public string CourseBinDir => Path.Combine(CourseDir, "bin", "Release", "net10.0");

    /// <summary>The course library notebooks load.</summary>
    public string CourseDll => Path.Combine(CourseBinDir, "Tagnn.Course.dll");

    /// <summary>The copy of the core library notebooks load (built with the course library, beside it).</summary>
    public string CoreDllBesideCourse => Path.Combine(CourseBinDir, "Tagnn.dll");

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
    public static RepositoryLayout Find() =>
        new(RepositoryRoot.TryFindFromHere() ?? throw new InvalidOperationException(
            $"Run this command inside the repository ({RepositoryRoot.Marker} was not found above {Directory.GetCurrentDirectory()})."));

    [GeneratedRegex(@"^\d{2}-.+\.ipynb$")]
    private static partial Regex CourseNotebookName();
}
