using System.Xml.Linq;
using Tagnn.Cli.Notebooks;

namespace Tagnn.Tests.Notebooks;

/// <summary>The checkout the tests run in: its notebooks and its pinned package versions.</summary>
internal static class CourseRepository
{
    /// <summary>The repository layout, found from the test's working folder.</summary>
    public static RepositoryLayout Layout { get; } = RepositoryLayout.Find();

    /// <summary>Every course notebook (<c>notebooks/NN-*.ipynb</c>) by file name: one theory case each, so a new
    /// notebook is tested as soon as it is committed.</summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Layout.CourseNotebooks()) data.Add(Path.GetFileName(path));
        return data;
    }

    /// <summary>The full path of a course notebook.</summary>
    public static string PathOf(string fileName) => Path.Combine(Layout.NotebooksDir, fileName);

    /// <summary>Package id (case-insensitive) to the version pinned in Directory.Packages.props, with the MSBuild
    /// properties it defines (<c>$(TorchSharpVersion)</c>) expanded.</summary>
    public static IReadOnlyDictionary<string, string> PinnedVersions()
    {
        var doc = XDocument.Load(Path.Combine(Layout.Root, "Directory.Packages.props"));
        var properties = doc.Descendants("PropertyGroup").Elements()
            .ToDictionary(e => e.Name.LocalName, e => e.Value.Trim(), StringComparer.OrdinalIgnoreCase);
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in doc.Descendants("PackageVersion"))
        {
            var version = (string)package.Attribute("Version")!;
            foreach (var (name, value) in properties) version = version.Replace($"$({name})", value, StringComparison.Ordinal);
            versions[(string)package.Attribute("Include")!] = version;
        }
        return versions;
    }

    /// <summary>A fresh temporary folder, deleted when disposed.</summary>
    public static TempFolder NewTempFolder() => new();

    /// <summary>A temporary folder.</summary>
    public sealed class TempFolder : IDisposable
    {
        /// <summary>Its path.</summary>
        public string Path { get; } = Directory.CreateTempSubdirectory("tagnn-tests-").FullName;

        /// <inheritdoc />
        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a leftover temp folder is harmless
            }
        }
    }
}

/// <summary>Builds the Release library and notebook host once for all tests that run notebooks.</summary>
public sealed class NotebookBuildFixture
{
    /// <summary>Runs the build check (builds only what is missing or stale).</summary>
    public NotebookBuildFixture() => ReleaseBuilds.Ensure(CourseRepository.Layout, _ => { });
}

/// <summary>Tests that start notebook host processes share one build check and never run in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class NotebookCollection : ICollectionFixture<NotebookBuildFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "notebooks";
}
