using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using Tagnn.Runtime;

namespace Tagnn.Course;

/// <summary>What <see cref="Course.Setup"/> configured: versions, device and why, threads, mode and paths.</summary>
/// <param name="LibraryVersion">Informational version of Tagnn.Course.dll (the core Tagnn.dll beside it has the same).</param>
/// <param name="LibraryPath">Where Tagnn.Course.dll was loaded from (a stale build is the usual cause of surprises).</param>
/// <param name="TorchSharpVersion">Managed TorchSharp version.</param>
/// <param name="LibTorchVersion">libtorch version the build referenced.</param>
/// <param name="DotNetVersion">.NET runtime version.</param>
/// <param name="OperatingSystem">Operating system description.</param>
/// <param name="Host">The process running the notebook (VS Code's kernel, dotnet-repl or the course runner).</param>
/// <param name="Device">The chosen device and the reason.</param>
/// <param name="Threads">libtorch intra-op threads.</param>
/// <param name="LogicalCores">Logical cores of the machine.</param>
/// <param name="Smoke">Whether smoke mode is on.</param>
/// <param name="Seed">The seed given to torch.</param>
/// <param name="RepoRoot">Repository root, or null when the notebook runs outside the repository.</param>
/// <param name="DataDir">The data folder, or null when the notebook runs outside the repository.</param>
/// <param name="LibStdCxxPatched">Whether the Debian 12 libstdc++ workaround was needed.</param>
/// <param name="StaleLibrary">Why the loaded Tagnn.dll or Tagnn.Course.dll no longer matches its build or its sources
/// (rebuilt after the kernel loaded it, or a source changed after the build), or null. A kernel cannot reload a DLL:
/// restart the kernel (its first cell rebuilds the library when needed).</param>
public sealed record CourseEnvironment(
    string LibraryVersion,
    string LibraryPath,
    string TorchSharpVersion,
    string LibTorchVersion,
    string DotNetVersion,
    string OperatingSystem,
    string Host,
    ComputeDevice Device,
    int Threads,
    int LogicalCores,
    bool Smoke,
    int Seed,
    string? RepoRoot,
    string? DataDir,
    bool LibStdCxxPatched,
    string? StaleLibrary = null)
{
    /// <summary>The command that rebuilds the libraries the notebooks load (Tagnn.Course, and the core it references);
    /// the first cell of every notebook runs it when they are missing or older than their sources.</summary>
    public const string RebuildCommand = "dotnet build src/Tagnn.Course -c Release";

    /// <summary>The multi-line banner <see cref="Course.Setup"/> prints.</summary>
    public string ToBanner()
    {
        var built = File.Exists(LibraryPath) ? $", built {File.GetLastWriteTimeUtc(LibraryPath):yyyy-MM-dd HH:mm} UTC" : "";
        var backend = Device.Kind == DeviceKind.Cuda ? "CUDA build" : "CPU build";
        var data = DataDir is null ? "(not inside the repository)"
            : Directory.Exists(DataDir) ? DataDir : $"{DataDir} (does not exist yet)";
        var b = new StringBuilder();
        b.AppendLine("Tagnn course environment");
        b.AppendLine($"  library     Tagnn.Course {LibraryVersion} ({LibraryPath}{built})");
        b.AppendLine($"  TorchSharp  {TorchSharpVersion}, libtorch {LibTorchVersion} ({backend}" +
                     (LibStdCxxPatched ? "; libstdc++ GLIBCXX_3.4.32 workaround applied" : "") + ")");
        b.AppendLine($"  .NET        {DotNetVersion} on {OperatingSystem}");
        b.AppendLine($"  kernel      {Host}");
        b.AppendLine($"  device      {Device.Reason}");
        b.AppendLine($"  threads     {Threads} (of {LogicalCores} logical cores)");
        b.AppendLine(Smoke
            ? $"  mode        smoke ({Course.SmokeVariable}=1): small data and few epochs, for a quick check of the whole course"
            : "  mode        full");
        b.AppendLine($"  seed        {Seed}");
        b.Append($"  data        {data}");
        if (StaleLibrary is not null)
        {
            b.AppendLine();
            b.Append($"  WARNING     {StaleLibrary}. This kernel runs the old library (a loaded DLL cannot be replaced): " +
                     "restart the kernel and run the notebook again from the top; its first cell rebuilds the library " +
                     $"when its sources changed (or run `{RebuildCommand}` at the repository root yourself).");
        }
        return b.ToString();
    }

    /// <summary>
    /// Why the loaded <paramref name="library"/> (Tagnn.dll or Tagnn.Course.dll) no longer matches what is on disk, or
    /// null: see <see cref="FindStaleness(string?, string, Guid?)"/>.
    /// </summary>
    internal static string? FindStaleness(string? repoRoot, Assembly library) =>
        FindStaleness(repoRoot, library.Location, library.ManifestModule.ModuleVersionId);

    /// <summary>
    /// Why a loaded library no longer matches its build or its sources, or null. Two cases: the DLL at
    /// <paramref name="libraryPath"/> was rebuilt after the kernel loaded it (its module version id differs from
    /// <paramref name="loadedMvid"/>: rebuilt, kernel not restarted), or a file of its project (<c>src/NAME</c> for
    /// <c>NAME.dll</c>, everything but <c>bin/</c> and <c>obj/</c>) or a shared build file (<c>Directory.*.props</c>,
    /// <c>global.json</c>, <c>build/*.props</c>) is newer than the DLL (sources edited or pulled, not rebuilt). The same
    /// inputs as the first cell's <c>notebooks/build-library.csx</c> and <c>tagnn notebooks run</c>.
    /// </summary>
    internal static string? FindStaleness(string? repoRoot, string libraryPath, Guid? loadedMvid)
    {
        if (string.IsNullOrEmpty(libraryPath) || !File.Exists(libraryPath)) return null;
        var name = Path.GetFileName(libraryPath);
        if (loadedMvid is { } loaded && ReadModuleVersionId(libraryPath) is { } onDisk && onDisk != loaded)
            return $"{name} was rebuilt after this kernel loaded it";
        if (repoRoot is null) return null;
        var project = Path.Combine(repoRoot, "src", Path.GetFileNameWithoutExtension(libraryPath));
        if (!Directory.Exists(project)) return null;
        var built = File.GetLastWriteTimeUtc(libraryPath);
        var newest = BuildInputs(repoRoot, project)
            .Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f)))
            .Where(f => f.Time > built)
            .OrderByDescending(f => f.Time)
            .FirstOrDefault();
        return newest.File is null ? null : $"{Path.GetRelativePath(repoRoot, newest.File)} changed after {name} was built";
    }

    private static IEnumerable<string> BuildInputs(string repoRoot, string project)
    {
        foreach (var shared in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            var path = Path.Combine(repoRoot, shared);
            if (File.Exists(path)) yield return path;
        }
        var buildDir = Path.Combine(repoRoot, "build");
        if (Directory.Exists(buildDir))
            foreach (var f in Directory.EnumerateFiles(buildDir, "*.props")) yield return f;
        foreach (var f in Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(project, f);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
                relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            yield return f;
        }
    }

    /// <summary>The module version id recorded in a .NET assembly file, or null when it cannot be read.</summary>
    internal static Guid? ReadModuleVersionId(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return null;
            var reader = pe.GetMetadataReader();
            return reader.GetGuid(reader.GetModuleDefinition().Mvid);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The informational version of an assembly without the source hash suffix.</summary>
    internal static string VersionOf(Assembly assembly)
    {
        var info = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                   ?? assembly.GetName().Version?.ToString() ?? "?";
        var plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? info[..plus] : info;
    }

    /// <summary>Names the process running the notebook: its entry assembly and version.</summary>
    internal static string DescribeHost()
    {
        var entry = Assembly.GetEntryAssembly();
        return entry is null ? "unknown host" : $"{entry.GetName().Name} {VersionOf(entry)}";
    }
}
