using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tagnn.Tests.Notebooks;

/// <summary>
/// What every committed notebook must be: saved without outputs, a Polyglot Notebooks C# notebook (so VS Code opens it
/// with the right kernel), <c>#r "nuget:"</c> versions equal to Directory.Packages.props, the course's setup cell first
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

        var setup = cells.First(c => Type(c) == "code");
        var setupSource = Source(setup);
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
