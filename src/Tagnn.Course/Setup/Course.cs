using Tagnn.Runtime;
using TorchSharp;

namespace Tagnn.Course;

/// <summary>
/// What every notebook of the course calls: <see cref="Setup"/> in its setup cell, <see cref="Smoke"/> /
/// <see cref="Choose{T}"/> / <see cref="Epochs"/> to shrink work in smoke mode, and the repository paths.
/// </summary>
/// <example>
/// The two first cells of every notebook (paths are relative to <c>notebooks/</c>, the kernel's working directory);
/// the first builds the library when it is missing or older than its sources, the second loads it:
/// <code>
/// #load "build-library.csx"
/// </code>
/// <code>
/// #r "nuget: Plotly.NET.Interactive, 6.0.0"
/// #r "nuget: Plotly.NET.CSharp, 0.14.0"
/// #r "../src/Tagnn.Course/bin/Release/net10.0/TorchSharp.dll"
/// #r "../src/Tagnn.Course/bin/Release/net10.0/Tagnn.dll"
/// #r "../src/Tagnn.Course/bin/Release/net10.0/Tagnn.Course.dll"
/// using Tagnn.Course;
/// Course.Setup();
/// </code>
/// </example>
public static class Course
{
    /// <summary>Environment variable that turns smoke mode on (<c>1</c>, <c>true</c> or <c>yes</c>).</summary>
    public const string SmokeVariable = "TAGNN_SMOKE";

    /// <summary>Environment variable that sets libtorch's thread count (default: every logical core).</summary>
    public const string ThreadsVariable = "TAGNN_THREADS";

    /// <summary>The seed <see cref="Setup"/> gives torch unless told otherwise (the year of the TAGNN paper).</summary>
    public const int DefaultSeed = 2020;

    private static readonly Lock Gate = new();
    private static CourseEnvironment? current;

    /// <summary>
    /// True when the notebook runs in smoke mode (<see cref="SmokeVariable"/> set): the runner's and the tests' quick
    /// pass over the whole course. Notebooks shrink data and epochs with <see cref="Choose{T}"/> and
    /// <see cref="Epochs"/>; a student's run is the full one.
    /// </summary>
    public static bool Smoke => IsTrue(Environment.GetEnvironmentVariable(SmokeVariable));

    /// <summary><paramref name="full"/> normally, <paramref name="smoke"/> in smoke mode.</summary>
    /// <example><c>var sessions = Course.Choose(full: 50_000, smoke: 2_000);</c></example>
    public static T Choose<T>(T full, T smoke) => Smoke ? smoke : full;

    /// <summary>The number of training epochs: <paramref name="full"/> normally, <paramref name="smoke"/> in smoke mode.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An epoch count is below 1.</exception>
    public static int Epochs(int full, int smoke = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(full, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(smoke, 1);
        return Choose(full, smoke);
    }

    /// <summary>
    /// The repository root (the folder holding <see cref="RepositoryRoot.Marker"/>), found from the current directory
    /// (a kernel runs in <c>notebooks/</c>) or, failing that, from where this library was loaded.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither place is inside the repository.</exception>
    public static string RepoRoot => TryFindRepoRoot() ?? throw new InvalidOperationException(
        $"The repository root ({RepositoryRoot.Marker}) was not found above '{Directory.GetCurrentDirectory()}'. " +
        "Open the notebook from the repository's notebooks/ folder (VS Code and the runner start the kernel there).");

    /// <summary>The repository's data folder (<c>data/</c>): the bundled sample and, when downloaded, the real datasets.</summary>
    public static string DataDir => Path.Combine(RepoRoot, "data");

    /// <summary>An absolute path inside the repository, e.g. <c>Course.RepoPath("data", "sample")</c>.</summary>
    public static string RepoPath(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    /// <summary>The environment the last <see cref="Setup"/> call configured.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Setup"/> has not been called in this kernel.</exception>
    public static CourseEnvironment Current =>
        current ?? throw new InvalidOperationException("Call Course.Setup() first (the notebook's setup cell does).");

    /// <summary>The torch device chosen by the last <see cref="Setup"/> (CPU or CUDA).</summary>
    public static torch.Device Device => Current.Device.Device;

    /// <summary>
    /// Prepares a notebook kernel: makes Plotly.NET work in kernels that ship an older FSharp.Core, loads TorchSharp's
    /// native libraries (<see cref="TorchRuntime.EnsureLoaded"/>), picks the device (<see cref="ComputeDevice.Select"/>),
    /// sets libtorch's threads and seed, registers the notebook formatters and prints a banner (versions, device and
    /// why, threads, smoke or full, data folder). Safe to call again (re-running the cell).
    /// </summary>
    /// <param name="device"><c>auto</c> (default), <c>cpu</c> or <c>cuda</c>; null reads <c>TAGNN_DEVICE</c>.</param>
    /// <param name="threads">libtorch threads; null reads <see cref="ThreadsVariable"/>, else every logical core.</param>
    /// <param name="seed">Seed for torch's generators, so a notebook shows the same numbers on every run.</param>
    /// <param name="quiet">Skip the banner.</param>
    /// <returns>What was configured (also available as <see cref="Current"/>).</returns>
    public static CourseEnvironment Setup(string? device = null, int? threads = null, int seed = DefaultSeed, bool quiet = false)
    {
        // First: nothing below may touch Plotly.NET before the shim is in place.
        FSharpCoreShim.Install();
        lock (Gate)
        {
            var runtime = TorchRuntime.EnsureLoaded();
            var compute = ComputeDevice.Select(device);
            var threadCount = threads ?? ThreadsFromEnvironment() ?? Environment.ProcessorCount;
            TorchRuntime.SetThreads(threadCount);
            torch.manual_seed(seed);
            NotebookFormatters.Register();

            var root = TryFindRepoRoot();
            var data = root is null ? null : Path.Combine(root, "data");
            current = new CourseEnvironment(
                LibraryVersion: CourseEnvironment.VersionOf(typeof(Course).Assembly),
                LibraryPath: typeof(Course).Assembly.Location,
                TorchSharpVersion: runtime.TorchSharpVersion,
                LibTorchVersion: runtime.LibTorchVersion,
                DotNetVersion: Environment.Version.ToString(),
                OperatingSystem: System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                Host: CourseEnvironment.DescribeHost(),
                Device: compute,
                Threads: threadCount,
                LogicalCores: Environment.ProcessorCount,
                Smoke: Smoke,
                Seed: seed,
                RepoRoot: root,
                DataDir: data,
                LibStdCxxPatched: runtime.PatchedForOldLibStdCxx,
                // Both libraries a notebook loads: the core (Tagnn.dll, copied beside Tagnn.Course.dll) and this one.
                StaleLibrary: CourseEnvironment.FindStaleness(root, typeof(TorchRuntime).Assembly)
                              ?? CourseEnvironment.FindStaleness(root, typeof(Course).Assembly));
        }
        if (!quiet) Console.WriteLine(current.ToBanner());
        return current;
    }

    internal static bool IsTrue(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private static int? ThreadsFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text, out var n) && n >= 1) return n;
        throw new InvalidOperationException($"{ThreadsVariable}='{text}' is not a positive whole number of threads.");
    }

    private static string? TryFindRepoRoot() =>
        RepositoryRoot.TryFindFromHere(Path.GetDirectoryName(typeof(Course).Assembly.Location));
}
