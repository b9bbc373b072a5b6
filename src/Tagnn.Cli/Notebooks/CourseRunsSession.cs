namespace Tagnn.Cli.Notebooks;

/// <summary>
/// A session of <c>tagnn notebooks run --course-runs MODE</c>: the notebooks get <c>TAGNN_COURSE_RUNS</c> = the mode,
/// <c>TAGNN_COURSE_RUNS_SINCE</c> = the start of the session (runs regenerated since then are not trained twice) and
/// <c>TAGNN_COURSE_RUNS_LOG</c> = a file to which every run asked for is appended (so that the runs no notebook asks
/// for can be deleted afterwards). The names are those of <c>Tagnn.Course.CourseModels</c>, which this program does
/// not reference; a test keeps them equal.
/// </summary>
/// <param name="Mode"><c>rebuild</c> (train every run afresh) or <c>missing</c> (only the runs not shipped yet).</param>
/// <param name="Since">When the session started.</param>
/// <param name="LogPath">The log of the runs asked for.</param>
internal sealed record CourseRunsSession(string Mode, DateTimeOffset Since, string LogPath)
{
    /// <summary>The shipped runs' folder names the notebooks asked for (empty when the log is missing).</summary>
    public IReadOnlySet<string> Requested() => File.Exists(LogPath)
        ? File.ReadLines(LogPath).Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal)
        : new HashSet<string>(StringComparer.Ordinal);
}
