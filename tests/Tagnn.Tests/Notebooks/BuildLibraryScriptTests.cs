using System.Text.Json.Nodes;
using Tagnn.Cli.Notebooks;

namespace Tagnn.Tests.Notebooks;

/// <summary>
/// The notebooks' first cell (<c>#load "build-library.csx"</c>) on a checkout of its own: a tiny stand-in repository
/// whose <c>src/Tagnn</c> and <c>src/Tagnn.Course</c> are two small projects, so a real <c>dotnet build</c> runs in
/// seconds. The cell is copied word for word from 00-setup and runs in the course's kernel host: it builds when the
/// DLLs are missing (a fresh clone), rebuilds when a source is newer, does nothing when they are up to date, and with
/// TAGNN_NO_BUILD stops with the command to run.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class BuildLibraryScriptTests
{
    [Fact]
    public void The_first_cell_builds_a_missing_or_stale_library_and_names_the_command_otherwise()
    {
        using var repo = CourseRepository.NewTempFolder();
        var notebooks = Directory.CreateDirectory(Path.Combine(repo.Path, "notebooks")).FullName;
        File.Copy(Path.Combine(CourseRepository.Layout.NotebooksDir, "build-library.csx"), Path.Combine(notebooks, "build-library.csx"));
        WriteProject(repo.Path, "Tagnn", "public static class Core { }", reference: null);
        WriteProject(repo.Path, "Tagnn.Course", "public static class CourseStandIn { }", reference: "../Tagnn/Tagnn.csproj");
        // The real build copies TorchSharp.dll beside the course library; the stand-in copies a placeholder.
        File.WriteAllText(Path.Combine(repo.Path, "src", "Tagnn.Course", "TorchSharp.dll"), "placeholder");

        var firstCell = CourseFirstCell();
        const string Bin = "../src/Tagnn.Course/bin/Release/net10.0/";
        var notebook = NotebookRunnerTests.WriteNotebook(notebooks, "first-cell.ipynb",
            ("code", firstCell),
            ("code", $$"""
                using System.IO;
                Console.WriteLine($"built: {File.Exists("{{Bin}}Tagnn.Course.dll")} {File.Exists("{{Bin}}Tagnn.dll")} {File.Exists("{{Bin}}TorchSharp.dll")}");
                File.WriteAllText("../src/Tagnn/Core.cs", "public static class Core { public static int Two => 2; }");
                CourseLibraryBuild.Ensure();
                """),
            ("code", """
                CourseLibraryBuild.Ensure();
                Console.WriteLine("up to date: nothing built");
                """),
            ("code", $$"""
                File.Delete("{{Bin}}Tagnn.Course.dll");
                Environment.SetEnvironmentVariable("TAGNN_NO_BUILD", "1");
                try { CourseLibraryBuild.Ensure(); } catch (InvalidOperationException e) { Console.WriteLine("stopped: " + e.Message); }
                """));
        var output = Path.Combine(repo.Path, "out");

        var result = new NotebookHostClient(CourseRepository.Layout).Run(notebook,
            new NotebookRunOptions(output, Smoke: true, Html: false, CellTimeout: TimeSpan.FromMinutes(5)), _ => { });

        Assert.True(result.Succeeded, result.Describe());
        var texts = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "first-cell.ipynb")))!["cells"]!.AsArray()
            .Select(c => string.Concat(c!["outputs"]!.AsArray().Select(o => Text(o!["text"])))).ToList();
        Assert.StartsWith("Building the course library (src/Tagnn.Course/bin/Release/net10.0/Tagnn.Course.dll does not exist): " +
                          "`dotnet build src/Tagnn.Course -c Release`. This takes under a minute", texts[0], StringComparison.Ordinal);
        Assert.Matches(@"Built in \d+ s\.", texts[0]);
        Assert.StartsWith("built: True True True\n", texts[1], StringComparison.Ordinal);
        Assert.Contains("Building the course library (src/Tagnn/Core.cs is newer than Tagnn.dll)", texts[1], StringComparison.Ordinal);
        Assert.Equal("up to date: nothing built\n", texts[2]);
        Assert.Equal("stopped: The course library is not built (src/Tagnn.Course/bin/Release/net10.0/Tagnn.Course.dll does not exist). " +
                     "Run `dotnet build src/Tagnn.Course -c Release` at the repository root, then run this cell again.\n", texts[3]);
    }

    private static string CourseFirstCell()
    {
        var setup = JsonNode.Parse(File.ReadAllText(CourseRepository.PathOf("00-setup.ipynb")))!["cells"]!.AsArray()
            .First(c => (string?)c!["cell_type"] == "code")!;
        return Text(setup["source"]);
    }

    private static void WriteProject(string root, string name, string code, string? reference)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "src", name)).FullName;
        var referenceItem = reference is null ? "" : $"<ItemGroup><ProjectReference Include=\"{reference}\" /></ItemGroup>";
        var copy = name == "Tagnn.Course"
            ? "<ItemGroup><None Include=\"TorchSharp.dll\" CopyToOutputDirectory=\"PreserveNewest\" /></ItemGroup>"
            : "";
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
              {referenceItem}
              {copy}
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, name == "Tagnn" ? "Core.cs" : "CourseStandIn.cs"), code);
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };
}
