using Tagnn.Cli.Notebooks;

namespace Tagnn.Tests.Notebooks;

/// <summary>
/// When `tagnn notebooks run` rebuilds the libraries the notebooks load: Tagnn.Course.dll older than a source of
/// src/Tagnn.Course, or the core's copy beside it older than a source of src/Tagnn (a change in the core alone may
/// leave Tagnn.Course.dll untouched). Build outputs never count as sources.
/// </summary>
public sealed class ReleaseBuildsTests
{
    [Fact]
    public void The_course_libraries_are_rebuilt_when_either_project_has_a_newer_source()
    {
        using var root = CourseRepository.NewTempFolder();
        var repo = new RepositoryLayout(root.Path);
        Assert.Equal($"src{Sep}Tagnn.Course{Sep}bin{Sep}Release{Sep}net10.0{Sep}Tagnn.Course.dll does not exist",
            ReleaseBuilds.CourseStaleReason(repo));

        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var coreSource = Write(Path.Combine(repo.CoreDir, "Model", "Gru.cs"), t0);
        var courseSource = Write(Path.Combine(repo.CourseDir, "Plots", "Heatmaps.cs"), t0);
        Write(repo.CourseDll, t0.AddMinutes(1));
        Write(repo.CoreDllBesideCourse, t0.AddMinutes(1));
        Write(Path.Combine(repo.CoreDir, "obj", "Generated.cs"), t0.AddMinutes(5));       // build outputs never count
        Assert.Null(ReleaseBuilds.CourseStaleReason(repo));

        File.SetLastWriteTimeUtc(coreSource, t0.AddMinutes(2));
        Assert.Equal($"src{Sep}Tagnn{Sep}Model{Sep}Gru.cs is newer than Tagnn.dll", ReleaseBuilds.CourseStaleReason(repo));

        File.SetLastWriteTimeUtc(coreSource, t0);
        File.SetLastWriteTimeUtc(courseSource, t0.AddMinutes(2));
        Assert.Equal($"src{Sep}Tagnn.Course{Sep}Plots{Sep}Heatmaps.cs is newer than Tagnn.Course.dll", ReleaseBuilds.CourseStaleReason(repo));
    }

    private static char Sep => Path.DirectorySeparatorChar;

    private static string Write(string path, DateTime time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        File.SetLastWriteTimeUtc(path, time);
        return path;
    }
}
