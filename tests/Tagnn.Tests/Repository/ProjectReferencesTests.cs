using System.Xml.Linq;
using Tagnn.Tests.Support;

namespace Tagnn.Tests.Repository;

/// <summary>
/// The split between the core library and the course layer holds: the core (src/Tagnn) carries no plotting, notebook or
/// console-UI package and knows nothing of Tagnn.Course; the command line references the core only; the notebook host
/// references neither library (notebooks load them). Checked in the project files and in the built assemblies.
/// </summary>
public sealed class ProjectReferencesTests
{
    private static readonly string[] PresentationPackages = ["Plotly.", "FSharp.", "Microsoft.DotNet.Interactive", "Spectre."];

    [Fact]
    public void The_core_library_references_no_plotting_notebook_or_console_package_and_no_other_project()
    {
        var (packages, projects) = References("src/Tagnn/Tagnn.csproj");
        Assert.DoesNotContain(packages, p => IsPresentation(p));
        Assert.Empty(projects);

        var referenced = typeof(Tagnn.Runtime.TorchRuntime).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, n => IsPresentation(n + "."));
        Assert.DoesNotContain("Tagnn.Course", referenced);
    }

    [Fact]
    public void The_course_library_references_the_core()
    {
        var (_, projects) = References("src/Tagnn.Course/Tagnn.Course.csproj");
        Assert.Equal(["../Tagnn/Tagnn.csproj"], projects);
        Assert.Contains("Tagnn", typeof(Tagnn.Course.Course).Assembly.GetReferencedAssemblies().Select(a => a.Name));
    }

    [Fact]
    public void The_command_line_references_the_core_only()
    {
        var (packages, projects) = References("src/Tagnn.Cli/Tagnn.Cli.csproj", referencedAssembliesOnly: true);
        Assert.Equal(["../Tagnn/Tagnn.csproj"], projects);
        Assert.DoesNotContain(packages, p => p.StartsWith("Plotly.", StringComparison.Ordinal) || p.StartsWith("FSharp.", StringComparison.Ordinal));

        var referenced = typeof(Tagnn.Cli.TagnnApp).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain("Tagnn.Course", referenced);
        Assert.DoesNotContain(referenced, n => n.StartsWith("Plotly", StringComparison.Ordinal));
    }

    [Fact]
    public void The_notebook_host_references_neither_library()
    {
        var (_, projects) = References("src/Tagnn.Notebooks.Host/Tagnn.Notebooks.Host.csproj");
        Assert.Empty(projects);
    }

    private static bool IsPresentation(string package) =>
        PresentationPackages.Any(p => package.StartsWith(p, StringComparison.Ordinal));

    /// <summary>A project file's package ids and project references (paths with forward slashes); with
    /// <paramref name="referencedAssembliesOnly"/>, project references marked <c>ReferenceOutputAssembly="false"</c>
    /// (built alongside, never loaded) are left out.</summary>
    private static (List<string> Packages, List<string> Projects) References(string project, bool referencedAssembliesOnly = false)
    {
        var doc = XDocument.Load(Repo.Path(project));
        var packages = doc.Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToList();
        var projects = doc.Descendants("ProjectReference")
            .Where(e => !referencedAssembliesOnly || !string.Equals((string?)e.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
            .Select(e => ((string)e.Attribute("Include")!).Replace('\\', '/'))
            .ToList();
        return (packages, projects);
    }
}
