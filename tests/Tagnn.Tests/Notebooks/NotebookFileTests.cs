using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tagnn.Tests.Notebooks;

/// <summary>
/// What every committed notebook must be: saved without outputs, a Polyglot Notebooks C# notebook (so VS Code opens it
/// with the right kernel), <c>#r "nuget:"</c> versions equal to Directory.Packages.props, the course's two setup cells first
/// and the course's structure (learning goals, summary, exercises, a final "try it" cell). Read with System.Text.Json,
/// independently of the runner's own parser.
/// </summary>
public sealed partial class NotebookFileTests
{
    /// <summary>One case per notebooks/NN-*.ipynb.</summary>
    public static TheoryData<string> Notebooks() => CourseRepository.Notebooks();

    [Fact]
    public void The_course_has_notebooks_with_unique_numbers()
    {
        var names = CourseRepository.Layout.CourseNotebooks().Select(Path.GetFileName).ToList();
        Assert.Contains("00-setup.ipynb", names);
        var numbers = names.Select(n => n![..2]).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_is_committed_without_outputs(string notebook)
    {
        foreach (var (cell, index) in Cells(notebook).Select((c, i) => (c, i + 1)).Where(x => Type(x.c) == "code"))
        {
            Assert.True(cell["outputs"] is JsonArray { Count: 0 }, $"{notebook}, cell {index}: has outputs (clear them before committing)");
            Assert.True(cell["execution_count"] is null, $"{notebook}, cell {index}: has an execution count (clear outputs before committing)");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_is_a_polyglot_csharp_notebook(string notebook)
    {
        var root = Read(notebook);
        Assert.Equal(4, (int?)root["nbformat"]);
        var metadata = root["metadata"]!;
        Assert.Equal(".net-csharp", (string?)metadata["kernelspec"]?["name"]);
        Assert.Equal("C#", (string?)metadata["kernelspec"]?["language"]);
        var kernelInfo = metadata["polyglot_notebook"]?["kernelInfo"];
        Assert.Equal("csharp", (string?)kernelInfo?["defaultKernelName"]);
        Assert.Contains(kernelInfo?["items"]?.AsArray() ?? [], item => (string?)item?["name"] == "csharp");

        foreach (var (cell, index) in Cells(notebook).Select((c, i) => (c, i + 1)))
        {
            var type = Type(cell);
            Assert.True(type is "code" or "markdown", $"{notebook}, cell {index}: cell type '{type}'");
            if (type != "code") continue;
            Assert.Equal("csharp", (string?)cell["metadata"]?["polyglot_notebook"]?["kernelName"]);
            if (cell["metadata"]?["dotnet_interactive"]?["language"] is { } language)
                Assert.Equal("csharp", (string?)language);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Nuget_references_use_the_pinned_versions(string notebook)
    {
        var pinned = CourseRepository.PinnedVersions();
        foreach (var (cell, index) in Cells(notebook).Select((c, i) => (c, i + 1)).Where(x => Type(x.c) == "code"))
        {
            foreach (Match m in NugetReference().Matches(Source(cell)))
            {
                var id = m.Groups["id"].Value;
                var version = m.Groups["version"].Success ? m.Groups["version"].Value : null;
                Assert.True(pinned.TryGetValue(id, out var expected), $"{notebook}, cell {index}: {id} is not pinned in Directory.Packages.props");
                Assert.True(version == expected, $"{notebook}, cell {index}: `{m.Value.Trim()}` must pin version {expected} (Directory.Packages.props)");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_follows_the_course_structure(string notebook)
    {
        var cells = Cells(notebook);
        Assert.True(Type(cells[0]) == "markdown" && Source(cells[0]).TrimStart().StartsWith("# ", StringComparison.Ordinal),
            $"{notebook}: the first cell must be markdown starting with the '# ' title");

        var code = cells.Where(c => Type(c) == "code").Select(Source).ToList();
        Assert.True(code.Count >= 2, $"{notebook}: the two setup cells are missing");
        Assert.Contains("#load \"build-library.csx\"", code[0]);
        Assert.DoesNotContain("#r ", code[0]);
        var setupSource = code[1];
        Assert.Contains("#r \"../src/Tagnn.Course/bin/Release/net10.0/Tagnn.dll\"", setupSource);
        Assert.Contains("#r \"../src/Tagnn.Course/bin/Release/net10.0/Tagnn.Course.dll\"", setupSource);
        Assert.Contains("using Tagnn.Course;", setupSource);
        Assert.Contains("Course.Setup(", setupSource);

        var markdown = string.Join("\n", cells.Where(c => Type(c) == "markdown").Select(Source));
        Assert.Contains("learning goals", markdown, StringComparison.OrdinalIgnoreCase);
        foreach (var heading in new[] { "## Summary", "## Exercises", "## Try it" })
            Assert.True(Regex.IsMatch(markdown, $"^{Regex.Escape(heading)}\\b", RegexOptions.Multiline), $"{notebook}: no '{heading}' heading");
        Assert.True(Type(cells[^1]) == "code", $"{notebook}: the last cell must be the 'try it' code cell");
    }

    [Fact]
    public void The_setup_cells_are_the_same_in_every_notebook()
    {
        // The first code cell builds the library when needed (#load "build-library.csx"); the second references it and
        // calls Course.Setup(). Both are the course's, word for word: 00-setup explains them once for all notebooks.
        var reference = CourseRepository.Layout.CourseNotebooks().First(p => Path.GetFileName(p) == "00-setup.ipynb");
        var expected = SetupCells(Path.GetFileName(reference));
        foreach (var path in CourseRepository.Layout.CourseNotebooks())
        {
            var name = Path.GetFileName(path);
            var actual = SetupCells(name);
            Assert.True(expected.Build == actual.Build, $"{name}: the first code cell differs from 00-setup's:\n{actual.Build}");
            Assert.True(expected.Setup == actual.Setup, $"{name}: the second code cell (setup) differs from 00-setup's:\n{actual.Setup}");
        }
        Assert.True(File.Exists(Path.Combine(CourseRepository.Layout.NotebooksDir, "build-library.csx")));
    }

    private static (string Build, string Setup) SetupCells(string notebook)
    {
        var code = Cells(notebook).Where(c => Type(c) == "code").Select(Source).ToList();
        return (code[0], code[1]);
    }

    private static JsonNode Read(string notebook) => JsonNode.Parse(File.ReadAllText(CourseRepository.PathOf(notebook)))!;

    private static List<JsonNode> Cells(string notebook) => Read(notebook)["cells"]!.AsArray().Select(c => c!).ToList();

    private static string? Type(JsonNode cell) => (string?)cell["cell_type"];

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue text => (string?)text ?? "",
        _ => "",
    };

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<id>[^,"\s]+)\s*(?:,\s*(?<version>[^"\s]+)\s*)?"\s*$""", RegexOptions.Multiline)]
    private static partial Regex NugetReference();
}
