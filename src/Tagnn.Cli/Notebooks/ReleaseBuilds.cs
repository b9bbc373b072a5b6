using System.Diagnostics;

namespace Tagnn.Cli.Notebooks;

/// <summary>
/// Makes sure the two Release builds the course needs exist and are not older than their sources: the libraries the
/// notebooks <c>#r</c> (Tagnn.Course and the copy of the core Tagnn beside it, both built by building Tagnn.Course)
/// and the notebook host. Builds them with <c>dotnet build -c Release</c> otherwise.
/// </summary>
internal static class ReleaseBuilds
{
    /// <summary>Builds what is missing or stale; <paramref name="log"/> gets a line per build started.</summary>
    /// <exception cref="InvalidOperationException">A build failed; the message holds the end of its output.</exception>
    public static void Ensure(RepositoryLayout repo, Action<string> log)
    {
        EnsureOne(repo, repo.CourseProject, log, CourseStaleReason(repo));
        EnsureOne(repo, repo.HostProject, log, StaleReason(repo, Path.GetDirectoryName(repo.HostProject)!, repo.HostDll));
    }

    /// <summary>Why the libraries the notebooks load must be (re)built with <see cref="RepositoryLayout.CourseProject"/>,
    /// or null when both are up to date.</summary>
    /// <remarks>A change in the core alone may leave Tagnn.Course.dll as it was (its compile is skipped when the core's
    /// public API did not change): the core's copy beside it is what must be newer than the core's sources.</remarks>
    internal static string? CourseStaleReason(RepositoryLayout repo) =>
        StaleReason(repo, repo.CourseDir, repo.CourseDll) ?? StaleReason(repo, repo.CoreDir, repo.CoreDllBesideCourse);

    /// <summary>Why <paramref name="output"/> must be (re)built from the project in <paramref name="projectDir"/>, or
    /// null when it is up to date.</summary>
    internal static string? StaleReason(RepositoryLayout repo, string projectDir, string output)
    {
        if (!File.Exists(output)) return $"{Path.GetRelativePath(repo.Root, output)} does not exist";
        var built = File.GetLastWriteTimeUtc(output);
        var newer = Inputs(repo, projectDir).FirstOrDefault(f => File.GetLastWriteTimeUtc(f) > built);
        return newer is null ? null : $"{Path.GetRelativePath(repo.Root, newer)} is newer than {Path.GetFileName(output)}";
    }

    private static void EnsureOne(RepositoryLayout repo, string project, Action<string> log, string? reason)
    {
        if (reason is null) return;
        log($"building {Path.GetRelativePath(repo.Root, project)} (Release): {reason}");
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "build", project, "-c", "Release", "--nologo", "-v", "q" }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {DotnetHost.Path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var text = (stdout.Result + stderr.Result).Trim();
            var tail = string.Join('\n', text.Split('\n').TakeLast(30));
            throw new InvalidOperationException($"`dotnet build {Path.GetRelativePath(repo.Root, project)} -c Release` failed (exit {process.ExitCode}):\n{tail}");
        }
    }

    /// <summary>The files a project's build depends on: its sources and the repository's shared build files.</summary>
    private static IEnumerable<string> Inputs(RepositoryLayout repo, string projectDir)
    {
        foreach (var shared in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            var path = Path.Combine(repo.Root, shared);
            if (File.Exists(path)) yield return path;
        }
        var buildDir = Path.Combine(repo.Root, "build");
        if (Directory.Exists(buildDir))
            foreach (var f in Directory.EnumerateFiles(buildDir, "*.props")) yield return f;
        foreach (var f in Directory.EnumerateFiles(projectDir, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(projectDir, f);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
                relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            yield return f;
        }
    }
}
