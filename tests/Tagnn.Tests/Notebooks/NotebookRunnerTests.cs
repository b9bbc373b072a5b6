using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Spectre.Console.Testing;
using Tagnn.Cli;
using Tagnn.Cli.Notebooks;

namespace Tagnn.Tests.Notebooks;

/// <summary>The runner reports failures precisely, enforces the cell timeout and writes offline HTML.</summary>
[Collection(NotebookCollection.Name)]
public sealed partial class NotebookRunnerTests
{
    private static readonly NotebookRunOptions Quick = new("", Smoke: true, Html: false, CellTimeout: TimeSpan.FromMinutes(2));

    [Fact]
    public void A_failing_cell_is_reported_with_notebook_cell_first_line_and_error()
    {
        using var dir = CourseRepository.NewTempFolder();
        var notebook = WriteNotebook(dir.Path, "failing.ipynb",
            ("markdown", "# A notebook with a planted failure"),
            ("code", "var answer = 6 * 7;\nConsole.WriteLine(answer);"),
            ("code", "// the third cell\nthrow new InvalidOperationException(\"planted failure\");"),
            ("code", "Console.WriteLine(\"never runs\");"));
        var output = Path.Combine(dir.Path, "out");
        var events = new List<Tagnn.Notebooks.Protocol.RunnerEvent>();

        var result = new NotebookHostClient(CourseRepository.Layout).Run(notebook, Quick with { OutputDir = output, Html = true }, events.Add);

        Assert.False(result.Succeeded);
        Assert.Equal("failed", result.Status);
        Assert.Equal(3, result.CodeCells);
        Assert.Equal(2, result.ExecutedCells);
        Assert.Equal(3, result.Failure!.Cell);          // third cell of the notebook (markdown counted)
        Assert.Equal(2, result.Failure.CodeCell);
        Assert.Equal("// the third cell", result.Failure.FirstLine);
        Assert.Equal("System.InvalidOperationException: planted failure", result.Failure.Error);
        Assert.Equal(
            "failing.ipynb, cell 3 (code cell 2) `// the third cell` failed: System.InvalidOperationException: planted failure",
            result.Describe());

        // Progress: start, one event per executed code cell, end.
        Assert.Equal(["start", "cell", "cell", "end"], events.Select(e => e.Type));
        Assert.Equal(["ok", "failed"], events.Where(e => e.Type == "cell").Select(e => e.Status));

        // The executed notebook keeps the outputs up to the failure, the error as a Jupyter error output, and the
        // cells after it unexecuted.
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "failing.ipynb")))!;
        var cells = executed["cells"]!.AsArray();
        Assert.Equal("42\n", Text(cells[1]!["outputs"]![0]!["text"]));
        var error = cells[2]!["outputs"]!.AsArray().Single(o => (string?)o!["output_type"] == "error")!;
        Assert.Equal("System.InvalidOperationException", (string?)error["ename"]);
        Assert.Equal("planted failure", (string?)error["evalue"]);
        Assert.Empty(cells[3]!["outputs"]!.AsArray());
        Assert.Null(cells[3]!["execution_count"]);
        Assert.Equal("failed", (string?)executed["metadata"]!["tagnn"]!["status"]);
        Assert.Equal(3, (int?)executed["metadata"]!["tagnn"]!["failedCell"]);

        // The HTML page names the failed cell.
        var page = File.ReadAllText(Path.Combine(output, "failing.html"));
        Assert.Contains("Cell 3 failed", page);
        Assert.Contains("planted failure", page);
    }

    [Fact]
    public void A_compile_error_names_the_cell_and_the_compiler_message()
    {
        using var dir = CourseRepository.NewTempFolder();
        var notebook = WriteNotebook(dir.Path, "typo.ipynb", ("code", "var x = 1;"), ("code", "var y = undefinedName + 1;"));

        var result = new NotebookHostClient(CourseRepository.Layout).Run(notebook, Quick with { OutputDir = dir.Path }, _ => { });

        Assert.Equal("failed", result.Status);
        Assert.Equal(2, result.Failure!.Cell);
        Assert.Equal("var y = undefinedName + 1;", result.Failure.FirstLine);
        Assert.StartsWith("(1,9): error CS0103: The name 'undefinedName' does not exist in the current context", result.Failure.Error);
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "typo.ipynb")))!;
        var error = executed["cells"]![1]!["outputs"]!.AsArray().Single()!;
        Assert.Equal("CompilationError", (string?)error["ename"]);
    }

    [Fact]
    public void An_unreadable_notebook_is_reported_by_file_name()
    {
        using var dir = CourseRepository.NewTempFolder();
        var notebook = Path.Combine(dir.Path, "broken.ipynb");
        File.WriteAllText(notebook, "{ this is not json");

        var result = new NotebookHostClient(CourseRepository.Layout).Run(notebook, Quick with { OutputDir = dir.Path }, _ => { });

        Assert.Equal("failed", result.Status);
        Assert.Null(result.Failure);
        Assert.Contains($"{notebook}: not a readable Jupyter notebook", result.HostError);
        Assert.StartsWith("broken.ipynb: the notebook host failed before any cell could be blamed: the host exited with code 2", result.Describe());
    }

    [Fact]
    public void A_cell_over_the_timeout_is_stopped_and_reported()
    {
        using var dir = CourseRepository.NewTempFolder();
        // The hanging cell comes first: whatever the machine's speed, it is the one that exceeds the timeout.
        var notebook = WriteNotebook(dir.Path, "hangs.ipynb",
            ("markdown", "# Never finishes"),
            ("code", "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);"),
            ("code", "Console.WriteLine(\"never runs\");"));

        var result = new NotebookHostClient(CourseRepository.Layout)
            .Run(notebook, Quick with { OutputDir = dir.Path, CellTimeout = TimeSpan.FromSeconds(3) }, _ => { });

        Assert.Equal("timeout", result.Status);
        Assert.Equal(2, result.CodeCells);
        Assert.Equal(1, result.ExecutedCells);
        Assert.Equal(2, result.Failure!.Cell);
        Assert.Equal("The cell did not finish within 3 s (per-cell timeout).", result.Failure.Error);
        Assert.Contains("timed out", result.Describe());
        Assert.True(File.Exists(Path.Combine(dir.Path, "hangs.ipynb")), "the executed notebook is written before the host stops");
    }

    [Fact]
    public void Html_pages_render_offline_from_local_assets()
    {
        using var dir = CourseRepository.NewTempFolder();
        var notebook = WriteNotebook(dir.Path, "page.ipynb",
            ("markdown", "# Page test\nInline $a^2 + b^2 = c^2$ and display\n$$\n\\sum_i x_i\n$$"),
            ("code", "Console.WriteLine(\"<not html>\");"));
        var output = Path.Combine(dir.Path, "site");
        var client = new NotebookHostClient(CourseRepository.Layout);

        var result = client.Run(notebook, Quick with { OutputDir = output, Html = true }, _ => { });
        var index = client.WriteIndex(output);

        Assert.True(result.Succeeded, result.Describe());
        var page = File.ReadAllText(result.HtmlPage!);
        var scripts = ScriptSources().Matches(page).Select(m => m.Groups["src"].Value).ToList();
        Assert.Equal(["assets/plotly.min.js", "assets/course.js", "assets/mathjax/tex-svg-full.js"], scripts);
        foreach (var script in scripts) Assert.True(new FileInfo(Path.Combine(output, script)).Length > 1000 || script.EndsWith("course.js"), script);
        Assert.True(new FileInfo(Path.Combine(output, "assets/mathjax/tex-svg-full.js")).Length > 1_000_000);
        Assert.True(File.Exists(Path.Combine(output, "assets/mathjax/LICENSE")));
        Assert.DoesNotContain("src=\"http", page);
        Assert.DoesNotContain("href=\"http", page);
        // Markdown through Markdig, the TeX left for MathJax inside a processed block; text outputs escaped.
        Assert.Contains("<h1 id=\"page-test\">Page test</h1>", page);
        Assert.Contains("<span class=\"math\">\\(a^2 + b^2 = c^2\\)</span>", page);
        Assert.Contains("class=\"cell markdown tex2jax_process\"", page);
        Assert.Contains("&lt;not html&gt;", page);

        var indexHtml = File.ReadAllText(index);
        Assert.Contains("<a href=\"page.html\">Page test</a>", indexHtml);
        Assert.Contains("status-ok", indexHtml);
    }

    [Fact]
    public void The_cli_command_exits_non_zero_and_summarises_a_failure()
    {
        using var dir = CourseRepository.NewTempFolder();
        var notebook = WriteNotebook(dir.Path, "cli.ipynb", ("code", "throw new Exception(\"from the cli test\");"));
        var console = new TestConsole().Width(200);
        var app = TagnnApp.Create();
        app.Configure(c => c.Settings.Console = console);

        var exit = app.Run(["notebooks", "run", notebook, "--smoke", "--no-build", "--output", Path.Combine(dir.Path, "out")]);

        Assert.Equal(1, exit);
        Assert.Contains("cli cell 1/1 failed", console.Output);
        Assert.Matches(@"cli\.ipynb\s*│\s*1/1\s*│\s*[0-9.]+\s*│\s*failed", console.Output);
        Assert.Contains("FAILED cli.ipynb, cell 1 (code cell 1) `throw new Exception(\"from the cli test\");` failed: System.Exception: from the cli test",
            console.Output);
        // The pace summary: the slowest cells and the course total.
        Assert.Contains("Slowest cells", console.Output);
        Assert.Matches(@"course total [0-9.]+ s \(\d+ min \d+ s\) in smoke mode", console.Output);
    }

    /// <summary>Writes a minimal Polyglot C# notebook.</summary>
    internal static string WriteNotebook(string dir, string name, params (string Kind, string Source)[] cells)
    {
        var array = new JsonArray();
        foreach (var (kind, source) in cells)
        {
            var cell = new JsonObject { ["cell_type"] = kind, ["metadata"] = new JsonObject(), ["source"] = source };
            if (kind == "code")
            {
                cell["execution_count"] = null;
                cell["outputs"] = new JsonArray();
                cell["metadata"] = JsonNode.Parse("""{"polyglot_notebook": {"kernelName": "csharp"}}""");
            }
            array.Add(cell);
        }
        var notebook = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = JsonNode.Parse("""
                {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
                 "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}}
                """),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        _ => (string?)node ?? "",
    };

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSources();
}
