namespace Tagnn.Course;

/// <summary>The click logs the notebooks read: the bundled sample, or the real Diginetica log when you have put it in
/// <c>data/real/</c> (see data/README.md and <c>tagnn data fetch</c>).</summary>
public static class CourseData
{
    /// <summary>The bundled sample log (synthetic, Diginetica layout).</summary>
    public static string SampleLogPath => Course.RepoPath("data", "sample", "train-item-views.csv");

    /// <summary>Where the real Diginetica log goes (not in the repository: its terms forbid redistribution).</summary>
    public static string RealDigineticaPath => Course.RepoPath("data", "real", "train-item-views.csv");

    /// <summary>Whether the real Diginetica log is present.</summary>
    public static bool HasRealDiginetica => File.Exists(RealDigineticaPath);

    /// <summary>
    /// The Diginetica-layout log to explore: the sample, or with <paramref name="real"/> the real file.
    /// </summary>
    /// <exception cref="FileNotFoundException">The real file was asked for and is not there; the message says how to
    /// get it.</exception>
    public static string DigineticaLog(bool real = false)
    {
        if (!real) return SampleLogPath;
        if (HasRealDiginetica) return RealDigineticaPath;
        throw new FileNotFoundException(
            $"The real Diginetica log is not in {RealDigineticaPath}. It may not be redistributed, so the repository does not " +
            "hold it: run `dotnet run --project src/Tagnn.Cli -c Release -- data fetch --dataset diginetica` for the official " +
            "page, the terms and the manual steps (data/README.md, \"The real datasets\"), put train-item-views.csv in data/real/, " +
            "then run this cell again.", RealDigineticaPath);
    }
}
