using System.Diagnostics;
using System.Globalization;

namespace Tagnn.Course;

/// <summary>
/// Measures the peak resident memory of a piece of work (Linux): it resets the kernel's high-water mark of this
/// process (<c>/proc/self/clear_refs</c>), runs the work and reads the mark back (<c>VmHWM</c> in
/// <c>/proc/self/status</c>). libtorch's large CPU tensors are mapped fresh and returned to the system when freed,
/// so the rise above the starting level is the memory the work held at its peak. Other threads of the process count
/// too: measure work of hundreds of MB, not a few KB.
/// </summary>
public static class PeakMemory
{
    private const string StatusFile = "/proc/self/status";
    private const string ClearRefsFile = "/proc/self/clear_refs";
    private static readonly Lazy<bool> Supported = new(Probe);

    /// <summary>Whether this system lets a process reset and read its peak resident memory (Linux).</summary>
    public static bool IsSupported => Supported.Value;

    /// <summary>The process's resident memory now (<c>VmRSS</c>).</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux (see <see cref="IsSupported"/>).</exception>
    public static long ResidentBytes() => ReadStatus("VmRSS:");

    /// <summary>Runs <paramref name="work"/> and reports the process's peak resident memory during it.</summary>
    /// <exception cref="PlatformNotSupportedException">The system cannot reset the peak (see <see cref="IsSupported"/>).</exception>
    public static MemoryMeasurement Measure(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsSupported)
            throw new PlatformNotSupportedException($"Peak memory is measured through {ClearRefsFile} and {StatusFile}, which this system does not offer (Linux only).");
        File.WriteAllText(ClearRefsFile, "5"); // 5: reset the peak resident set size to the current one
        var start = ResidentBytes();
        var watch = Stopwatch.StartNew();
        work();
        watch.Stop();
        var peak = ReadStatus("VmHWM:");
        return new MemoryMeasurement(start, Math.Max(peak, start), watch.Elapsed);
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            File.WriteAllText(ClearRefsFile, "5");
            return ReadStatus("VmHWM:") > 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    private static long ReadStatus(string key)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException($"{StatusFile} exists on Linux only.");
        foreach (var line in File.ReadLines(StatusFile))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            // e.g. "VmHWM:\t 1796120 kB"
            var parts = line[key.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidDataException($"{StatusFile} has no '{key}' line.");
    }
}
