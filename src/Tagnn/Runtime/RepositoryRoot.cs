namespace Tagnn.Runtime;

/// <summary>
/// Finds the root of a checkout of this repository: the folder holding <see cref="Marker"/>. The one lookup the
/// course (<c>Course.RepoRoot</c>), the command line (<c>tagnn notebooks run</c>) and the tests share.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the repository root.</summary>
    public const string Marker = "Tagnn.Notebooks.sln";

    /// <summary>
    /// The first folder, walking up from each of <paramref name="starts"/> in turn, that holds <see cref="Marker"/>;
    /// null when there is none. Null or empty starts are skipped.
    /// </summary>
    /// <param name="starts">Where to start, most likely first (e.g. the current directory, then the program's).</param>
    public static string? TryFind(params string?[] starts)
    {
        ArgumentNullException.ThrowIfNull(starts);
        foreach (var start in starts)
        {
            if (string.IsNullOrEmpty(start)) continue;
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>
    /// The root found from the current directory, then from the running program's folder (<see cref="AppContext.BaseDirectory"/>),
    /// then from <paramref name="moreStarts"/>; null when none of them is inside a checkout.
    /// </summary>
    /// <param name="moreStarts">Further places to try (e.g. where a library was loaded from).</param>
    public static string? TryFindFromHere(params string?[] moreStarts) =>
        TryFind([Directory.GetCurrentDirectory(), AppContext.BaseDirectory, .. moreStarts]);
}
