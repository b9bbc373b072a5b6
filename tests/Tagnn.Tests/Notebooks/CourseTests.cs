using Tagnn.Runtime;

namespace Tagnn.Tests.Notebooks;

// Inside the namespace: from code in Tagnn.*, a plain `Course` would name the namespace Tagnn.Course, not the class.
using Tagnn.Course;

/// <summary>Smoke mode, paths and the setup call of the notebook support.</summary>
public sealed class CourseTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData(" Yes ", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Smoke_mode_follows_the_environment_variable(string? value, bool smoke)
    {
        WithSmoke(value, () =>
        {
            Assert.Equal(smoke, Course.Smoke);
            Assert.Equal(smoke ? 500 : 50_000, Course.Choose(full: 50_000, smoke: 500));
            Assert.Equal(smoke ? 1 : 10, Course.Epochs(full: 10));
            Assert.Equal(smoke ? 2 : 10, Course.Epochs(full: 10, smoke: 2));
        });
    }

    [Fact]
    public void Epochs_below_one_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Course.Epochs(full: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Course.Epochs(full: 3, smoke: 0));
    }

    [Fact]
    public void Repository_paths_are_found_from_the_working_folder()
    {
        Assert.Equal(CourseRepository.Layout.Root, Course.RepoRoot);
        Assert.Equal(Path.Combine(CourseRepository.Layout.Root, "data"), Course.DataDir);
        Assert.Equal(Path.Combine(CourseRepository.Layout.Root, "data", "sample"), Course.RepoPath("data", "sample"));
        using var outside = CourseRepository.NewTempFolder();
        Assert.Null(RepositoryRoot.TryFind(outside.Path));
    }

    [Fact]
    public void Setup_configures_the_kernel_and_prints_a_banner()
    {
        WithSmoke("1", () =>
        {
            var env = Course.Setup(device: "cpu", threads: 1, seed: 7, quiet: true);

            Assert.Same(env, Course.Current);
            Assert.Equal(DeviceKind.Cpu, env.Device.Kind);
            Assert.Equal(TorchSharp.torch.CPU.type, Course.Device.type);
            Assert.Equal(1, env.Threads);
            Assert.Equal(1, TorchSharp.torch.get_num_threads());
            Assert.True(env.Smoke);
            Assert.Equal(7, env.Seed);
            Assert.Equal("0.107.0", env.TorchSharpVersion);
            Assert.Equal(CourseRepository.Layout.Root, env.RepoRoot);

            var banner = env.ToBanner();
            Assert.StartsWith("Tagnn course environment\n", banner, StringComparison.Ordinal);
            Assert.Contains("  TorchSharp  0.107.0, libtorch 2.10.0 (CPU build", banner, StringComparison.Ordinal);
            Assert.Contains("  device      CPU: requested\n", banner, StringComparison.Ordinal);
            Assert.Contains("  threads     1 (of ", banner, StringComparison.Ordinal);
            Assert.Contains("  mode        smoke (TAGNN_SMOKE=1)", banner, StringComparison.Ordinal);
            Assert.Contains("  seed        7\n", banner, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("Tagnn", "Model", "Gru.cs")]
    [InlineData("Tagnn.Course", "Plots", "LineCharts.cs")]
    public void A_library_older_than_its_sources_is_reported(string project, string folder, string file)
    {
        using var repo = CourseRepository.NewTempFolder();
        var sources = Directory.CreateDirectory(Path.Combine(repo.Path, "src", project, folder)).FullName;
        var bin = Directory.CreateDirectory(Path.Combine(repo.Path, "src", project, "bin", "Release")).FullName;
        var dll = Path.Combine(bin, project + ".dll");
        File.WriteAllText(dll, "");
        var source = Path.Combine(sources, file);
        File.WriteAllText(source, "");
        var objFile = Path.Combine(Directory.CreateDirectory(Path.Combine(repo.Path, "src", project, "obj")).FullName, "Generated.cs");
        File.WriteAllText(objFile, "");
        var shared = Path.Combine(repo.Path, "Directory.Packages.props");
        File.WriteAllText(shared, "");

        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(source, t0);
        File.SetLastWriteTimeUtc(shared, t0);
        File.SetLastWriteTimeUtc(dll, t0.AddMinutes(1));
        File.SetLastWriteTimeUtc(objFile, t0.AddMinutes(5)); // build outputs never count
        Assert.Null(CourseEnvironment.FindStaleness(repo.Path, dll, loadedMvid: null));

        File.SetLastWriteTimeUtc(source, t0.AddMinutes(2));
        Assert.Equal($"{Path.Combine("src", project, folder, file)} changed after {project}.dll was built",
            CourseEnvironment.FindStaleness(repo.Path, dll, loadedMvid: null));

        File.SetLastWriteTimeUtc(source, t0);
        File.SetLastWriteTimeUtc(shared, t0.AddMinutes(3)); // a shared build file (package versions) counts too
        Assert.Equal($"Directory.Packages.props changed after {project}.dll was built",
            CourseEnvironment.FindStaleness(repo.Path, dll, loadedMvid: null));
    }

    [Fact]
    public void A_library_rebuilt_after_the_kernel_loaded_it_is_reported()
    {
        // The case a source-timestamp check misses: rebuilt (the DLL is newer than every source), kernel not restarted.
        using var repo = CourseRepository.NewTempFolder();
        var dll = Path.Combine(repo.Path, "Tagnn.Course.dll");
        File.Copy(typeof(Course).Assembly.Location, dll);
        var onDisk = CourseEnvironment.ReadModuleVersionId(dll);

        Assert.Equal(typeof(Course).Assembly.ManifestModule.ModuleVersionId, onDisk);
        Assert.Null(CourseEnvironment.FindStaleness(repo.Path, dll, onDisk));
        Assert.Equal("Tagnn.Course.dll was rebuilt after this kernel loaded it",
            CourseEnvironment.FindStaleness(repo.Path, dll, Guid.NewGuid()));
        Assert.Null(CourseEnvironment.ReadModuleVersionId(Path.Combine(repo.Path, "missing.dll")));
    }

    [Fact]
    public void The_banner_says_what_to_do_about_a_stale_library()
    {
        var env = Course.Setup(device: "cpu", threads: 1, quiet: true) with { StaleLibrary = "Tagnn.dll was rebuilt after this kernel loaded it" };

        Assert.Contains("  WARNING     Tagnn.dll was rebuilt after this kernel loaded it. This kernel runs the old library",
            env.ToBanner(), StringComparison.Ordinal);
        Assert.Contains("restart the kernel and run the notebook again from the top", env.ToBanner(), StringComparison.Ordinal);
        Assert.Contains("dotnet build src/Tagnn.Course -c Release", env.ToBanner(), StringComparison.Ordinal);
    }

    private static void WithSmoke(string? value, Action test)
    {
        var before = Environment.GetEnvironmentVariable(Course.SmokeVariable);
        try
        {
            Environment.SetEnvironmentVariable(Course.SmokeVariable, value);
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable(Course.SmokeVariable, before);
        }
    }
}
