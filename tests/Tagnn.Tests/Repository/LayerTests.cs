using System.Xml.Linq;
using Tagnn.Tests.Support;

namespace Tagnn.Tests.Repository;

/// <summary>
/// The architecture of docs/ARCHITECTURE.md, checked. Inside the core library (src/Tagnn) a layer uses only the layers
/// below it (<see cref="LayerRules"/>): Runtime and IO use nothing else of the project, then Data, Graphs, Model,
/// Evaluation, Training, Experiments. Checked twice: in the compiled Tagnn.dll (every type a type's signatures,
/// attributes and method bodies use: <see cref="MetadataDependencies"/>) and in the sources' <c>using</c> directives
/// (which also cover constants, <c>nameof</c> and documentation references: <see cref="SourceDependencies"/>). Between
/// the projects: the core carries no plotting, notebook or console-UI package and knows nothing of Tagnn.Course; the
/// command line references the core only; the notebook host references neither library (notebooks load them).
/// </summary>
public sealed class LayerTests
{
    private static readonly string[] PresentationPackages = ["Plotly.", "FSharp.", "Microsoft.DotNet.Interactive", "Spectre."];

    [Fact]
    public void Every_type_of_the_core_uses_only_its_own_and_lower_layers()
    {
        var dependencies = MetadataDependencies.Read(typeof(Tagnn.Runtime.TorchRuntime).Assembly.Location);
        Assert.Contains(dependencies, d => d is { FromNamespace: "Tagnn.Training", ToNamespace: "Tagnn.Model" }); // it reads something
        Assert.Empty(LayerRules.Violations(dependencies));
    }

    [Fact]
    public void Every_source_file_of_the_core_imports_only_its_own_and_lower_layers()
    {
        var dependencies = SourceDependencies.ReadFolder(Repo.Path("src", "Tagnn")).ToList();
        Assert.Contains(dependencies, d => d is { FromNamespace: "Tagnn.Training", ToNamespace: "Tagnn.Model" });
        Assert.Empty(LayerRules.Violations(dependencies));
    }

    [Fact]
    public void The_metadata_check_finds_every_kind_of_use_of_a_higher_layer()
    {
        using var image = SyntheticLayers.Build();
        var violations = LayerRules.Violations(MetadataDependencies.Read(image));
        foreach (var leak in SyntheticLayers.Leaks)
            Assert.Contains($"Tagnn.Data may not use Tagnn.Training: Tagnn.Data.{leak} uses Tagnn.Training.Higher", violations);
        Assert.Contains(violations, v => v.StartsWith("Tagnn.Plots belongs to no layer", StringComparison.Ordinal));
        Assert.Equal(SyntheticLayers.Leaks.Length + 1, violations.Count);      // Tagnn.Data.Allowed uses only Tagnn.IO
    }

    [Fact]
    public void The_source_check_finds_imports_of_higher_layers_and_of_the_course_layer()
    {
        const string Source = """
            using System.Text;
            using Tagnn.IO;
            using static Tagnn.Training.Checkpoint;
            using Runs = Tagnn.Training;
            global using Tagnn.Course;

            namespace Tagnn.Graphs;

            /// <summary>Uses <see cref="Tagnn.Model.SessionModel"/> in its documentation only.</summary>
            internal sealed class Leaky;
            """;
        var violations = LayerRules.Violations(SourceDependencies.Read("Leaky.cs", Source));
        Assert.Equal(
        [
            "Tagnn.Graphs may not use Tagnn.Course: Tagnn.Graphs.Leaky.cs uses Tagnn.Course.(global using Tagnn.Course;)",
            "Tagnn.Graphs may not use Tagnn.Training: Tagnn.Graphs.Leaky.cs uses Tagnn.Training.(using Runs = Tagnn.Training;)",
            "Tagnn.Graphs may not use Tagnn.Training: Tagnn.Graphs.Leaky.cs uses Tagnn.Training.(using static Tagnn.Training.Checkpoint;)",
        ], violations);
    }

    [Fact]
    public void Runtime_and_IO_use_nothing_else_of_the_project_and_the_layers_are_in_order()
    {
        Assert.NotEmpty(LayerRules.Violations([new Dependency("Tagnn.Runtime", "A", "Tagnn.IO", "B")]));
        Assert.NotEmpty(LayerRules.Violations([new Dependency("Tagnn.IO", "A", "Tagnn.Runtime", "B")]));
        Assert.NotEmpty(LayerRules.Violations([new Dependency("Tagnn.Model.Baselines", "A", "Tagnn.Evaluation", "B")]));
        Assert.NotEmpty(LayerRules.Violations([new Dependency("Tagnn.Training", "A", "Tagnn.Experiments", "B")]));
        Assert.Empty(LayerRules.Violations([new Dependency("Tagnn.Evaluation.Baselines", "A", "Tagnn.Model.Scoring", "B")]));
        Assert.Empty(LayerRules.Violations([new Dependency("Tagnn.Model", "A", "Tagnn.Model.Scoring", "B")]));
        Assert.Empty(LayerRules.Violations([new Dependency("Tagnn.Experiments", "A", "Tagnn.Training", "B")]));
    }

    [Fact]
    public void The_core_library_references_no_plotting_notebook_or_console_package_and_no_other_project()
    {
        var (packages, projects) = References("src/Tagnn/Tagnn.csproj");
        Assert.DoesNotContain(packages, p => IsPresentation(p));
        Assert.Empty(projects);

        var referenced = typeof(Tagnn.Runtime.TorchRuntime).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, n => IsPresentation(n + "."));
        Assert.DoesNotContain("Tagnn.Course", referenced);
        Assert.DoesNotContain("Tagnn.Cli", referenced);
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
        var usesOfTheCourse = MetadataDependencies.Read(typeof(Tagnn.Cli.TagnnApp).Assembly.Location)
            .Where(d => d.ToNamespace.StartsWith("Tagnn.Course", StringComparison.Ordinal));
        Assert.Empty(usesOfTheCourse);
    }

    [Fact]
    public void The_notebook_host_references_neither_library()
    {
        var (packages, projects) = References("src/Tagnn.Notebooks.Host/Tagnn.Notebooks.Host.csproj");
        Assert.Empty(projects);
        Assert.DoesNotContain(packages, p => p.StartsWith("Tagnn", StringComparison.Ordinal));
        var imports = SourceDependencies.ReadFolder(Repo.Path("src", "Tagnn.Notebooks.Host")).ToList();
        Assert.NotEmpty(imports);
        Assert.DoesNotContain(imports, d => LayerRules.LayerOf(d.ToNamespace) is not null || d.ToNamespace.StartsWith("Tagnn.Course", StringComparison.Ordinal));
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
