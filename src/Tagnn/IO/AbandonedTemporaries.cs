using System.Diagnostics;

namespace Tagnn.IO;

/// <summary>
/// The temporaries of atomic writes (<see cref="AtomicFile"/>, <see cref="AtomicFolder"/>) are named
/// <c>.NAME.PID.GUID.tmp</c> beside their final NAME. A write that fails cleans up its own; one whose process was killed
/// cannot, so the next writer of the same name removes those whose process is gone.
/// </summary>
internal static class AbandonedTemporaries
{
    /// <summary>A new temporary name for <paramref name="name"/>, owned by this process.</summary>
    public static string NameFor(string name) => $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    /// <summary>Whether <paramref name="candidate"/> (a file or folder name) is a temporary of <paramref name="name"/>
    /// whose process is no longer running.</summary>
    public static bool IsAbandoned(string candidate, string name)
    {
        var prefix = $".{name}.";
        if (!candidate.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var parts = candidate[prefix.Length..].Split('.');
        return parts is [var pid, { Length: > 0 }, "tmp"] && int.TryParse(pid, out var id) && !IsRunning(id);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
