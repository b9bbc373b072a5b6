using System.Globalization;
using Tagnn.Notebooks.Protocol;

namespace Tagnn.Cli.Notebooks;

/// <summary>
/// The pace of a course run from its cell events: the slowest cells and the course total, so one command
/// (<c>tagnn notebooks run</c>) shows whether the course keeps to its limits (no cell over a minute and the whole course
/// within five minutes in full mode on two cores).
/// </summary>
internal static class CoursePace
{
    /// <summary>The most a cell may take in full mode (the project's rule).</summary>
    public const double CellLimitSeconds = 60;

    /// <summary>The most the whole course may take in full mode (the project's rule).</summary>
    public const double CourseLimitSeconds = 300;

    /// <summary>How many of the slowest cells the summary lists (every cell over the limit is listed anyway).</summary>
    public const int Listed = 10;

    /// <summary>
    /// The cells to list, slowest first: the <paramref name="count"/> slowest, and every cell over
    /// <see cref="CellLimitSeconds"/> however many they are. Ties keep the run's order.
    /// </summary>
    public static IReadOnlyList<RunnerEvent> Slowest(IEnumerable<RunnerEvent> cells, int count = Listed)
    {
        var ordered = cells.Where(e => e.Type == RunnerEvent.CellDone)
            .Select((e, i) => (Event: e, Index: i))
            .OrderByDescending(x => x.Event.Seconds ?? 0).ThenBy(x => x.Index)
            .Select(x => x.Event)
            .ToList();
        return ordered.Where((e, i) => i < count || (e.Seconds ?? 0) > CellLimitSeconds).ToList();
    }

    /// <summary>
    /// One line on the course total and the limits, e.g.
    /// <c>course total 312.4 s (5 min 12 s) in full mode: over the 300 s limit; 2 cells over 60 s</c>.
    /// </summary>
    public static string Describe(IEnumerable<RunnerEvent> cells, double totalSeconds, bool smoke)
    {
        var over = cells.Count(e => e.Type == RunnerEvent.CellDone && (e.Seconds ?? 0) > CellLimitSeconds);
        var total = totalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var minutes = TimeSpan.FromSeconds(Math.Round(totalSeconds));
        var line = $"course total {total} s ({(int)minutes.TotalMinutes} min {minutes.Seconds} s) in {(smoke ? "smoke" : "full")} mode";
        if (smoke) return line + $"; {Cells(over)} over {CellLimitSeconds:0} s (the limits apply to full mode)";
        var courseVerdict = totalSeconds <= CourseLimitSeconds ? "within" : "over";
        return line + $": {courseVerdict} the {CourseLimitSeconds:0} s limit; {Cells(over)} over the {CellLimitSeconds:0} s limit of a cell";
    }

    private static string Cells(int n) => n switch { 0 => "no cell", 1 => "1 cell", _ => $"{n} cells" };
}
