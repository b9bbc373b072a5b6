using Tagnn.Cli.Notebooks;
using Tagnn.Notebooks.Protocol;

namespace Tagnn.Tests.Notebooks;

/// <summary>The runner's pace summary: the slowest cells and the course total against the limits.</summary>
public sealed class CoursePaceTests
{
    private static RunnerEvent Cell(string notebook, int cell, double seconds) =>
        new(RunnerEvent.CellDone, notebook, Cell: cell, CodeCell: cell, CodeCells: 20, FirstLine: $"cell {cell}", Status: RunnerEvent.Ok, Seconds: seconds);

    [Fact]
    public void The_slowest_cells_come_first_and_every_cell_over_the_limit_is_listed()
    {
        var cells = new List<RunnerEvent>
        {
            new(RunnerEvent.Start, "a.ipynb", CodeCells: 20),
            Cell("a.ipynb", 1, 2), Cell("a.ipynb", 2, 75), Cell("a.ipynb", 3, 2), Cell("b.ipynb", 1, 61), Cell("b.ipynb", 2, 90),
            Cell("b.ipynb", 3, 30),
            new(RunnerEvent.End, "a.ipynb", Seconds: 1000),
        };

        var top1 = CoursePace.Slowest(cells, count: 1);
        var top4 = CoursePace.Slowest(cells, count: 4);
        var top6 = CoursePace.Slowest(cells, count: 6);

        Assert.Equal([90.0, 75.0, 61.0], top1.Select(e => e.Seconds!.Value)); // over 60 s: listed beyond the count
        Assert.Equal([90.0, 75.0, 61.0, 30.0], top4.Select(e => e.Seconds!.Value));
        Assert.Equal(6, top6.Count);
        Assert.Equal((1, 3), (top6[4].Cell!.Value, top6[5].Cell!.Value)); // a tie (2 s, 2 s) keeps the run's order
    }

    [Fact]
    public void The_total_is_judged_against_the_limits_in_full_mode_only()
    {
        RunnerEvent[] cells = [Cell("a.ipynb", 1, 61), Cell("a.ipynb", 2, 30)];

        Assert.Equal("course total 312.4 s (5 min 12 s) in full mode: over the 300 s limit; 1 cell over the 60 s limit of a cell",
            CoursePace.Describe(cells, 312.4, smoke: false));
        Assert.Equal("course total 95.0 s (1 min 35 s) in full mode: within the 300 s limit; no cell over the 60 s limit of a cell",
            CoursePace.Describe([Cell("a.ipynb", 1, 30)], 95, smoke: false));
        Assert.Equal("course total 95.0 s (1 min 35 s) in smoke mode; 1 cell over 60 s (the limits apply to full mode)",
            CoursePace.Describe(cells, 95, smoke: true));
    }
}
