using System.Text.Json.Nodes;
using Tagnn.Cli.Notebooks;

namespace Tagnn.Tests.Notebooks;

/// <summary>Every course notebook runs, cell by cell, in smoke mode, through the same host `tagnn notebooks run` uses.</summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookSmokeTests
{
    /// <summary>One case per notebooks/NN-*.ipynb.</summary>
    public static TheoryData<string> Notebooks() => CourseRepository.Notebooks();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_in_smoke_mode(string notebook)
    {
        using var output = CourseRepository.NewTempFolder();
        var client = new NotebookHostClient(CourseRepository.Layout);
        var options = new NotebookRunOptions(output.Path, Smoke: true, Html: false, CellTimeout: TimeSpan.FromMinutes(5));

        var result = client.Run(CourseRepository.PathOf(notebook), options, _ => { });

        Assert.True(result.Succeeded, result.Describe());
        Assert.True(result.CodeCells > 0, $"{notebook} has no code cell");
        Assert.Equal(result.CodeCells, result.ExecutedCells);

        // The executed notebook records the run: smoke mode on, every code cell executed in order.
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Path, notebook)))!;
        Assert.Equal("ok", (string?)executed["metadata"]!["tagnn"]!["status"]);
        Assert.True((bool?)executed["metadata"]!["tagnn"]!["smoke"]);
        var counts = executed["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .Select(c => (int?)c!["execution_count"])
            .ToList();
        Assert.Equal(Enumerable.Range(1, counts.Count).Select(i => (int?)i), counts);
    }
}
