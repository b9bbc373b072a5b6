using System.Reflection;
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
/// <param name="StaleLibrary">Why the loaded Tagnn.dll or Tagnn.Course.dll looks older than its sources (a source file
/// changed after the build), or null. A kernel cannot reload a DLL: rebuild, then restart the kernel.</param>
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
    /// <summary>The command that rebuilds the libraries the notebooks load (Tagnn.Course, and the core it references).</summary>
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
            b.Append($"  WARNING     {StaleLibrary}: run `{RebuildCommand}` in a terminal, then restart the kernel " +
                     "and run the notebook again from the top (a loaded DLL cannot be reloaded)");
        }
        return b.ToString();
    }

    /// <summary>
    /// Why <paramref name="libraryPath"/> is older than a source file of its project, or null. The project is the
    /// folder <c>src/NAME</c> of the assembly's file name (<c>Tagnn.dll</c>: <c>src/Tagnn</c>; <c>Tagnn.Course.dll</c>:
    /// <c>src/Tagnn.Course</c>).
    /// </summary>
    internal static string? FindStaleness(string? repoRoot, string libraryPath)
    {
        if (repoRoot is null || !File.Exists(libraryPath)) return null;
        var sources = Path.Combine(repoRoot, "src", Path.GetFileNameWithoutExtension(libraryPath));
        if (!Directory.Exists(sources)) return null;
        var built = File.GetLastWriteTimeUtc(libraryPath);
        var bin = Path.Combine(sources, "bin") + Path.DirectorySeparatorChar;
        var obj = Path.Combine(sources, "obj") + Path.DirectorySeparatorChar;
        var newest = Directory.EnumerateFiles(sources, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(bin, StringComparison.Ordinal) && !f.StartsWith(obj, StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f)))
            .Where(f => f.Time > built)
            .OrderByDescending(f => f.Time)
            .FirstOrDefault();
        return newest.File is null ? null
            : $"{Path.GetRelativePath(repoRoot, newest.File)} changed after {Path.GetFileName(libraryPath)} was built";
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
