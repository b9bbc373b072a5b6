using System.Runtime.InteropServices;

namespace Tagnn.Runtime;

/// <summary>
/// How the C allocator behind libtorch returns large blocks to the operating system (glibc on Linux).
/// </summary>
/// <remarks>
/// <para>By default glibc serves a freed large block's size from its heap the next time (its mmap threshold grows
/// up to 32 MB after the first large free), and keeps freed heap memory. A training loop that allocates and frees
/// many (B, N)-sized tensors per step then sees its resident memory creep up step after step (measured here: an
/// SR-GNN step at N 43,097 grew from 0.44 to 1.29 GB over 100 steps, all of it free memory glibc kept), so the peak
/// of a long run depends on its length. <see cref="SetMmapThreshold"/> fixes the threshold: blocks at least that large
/// are mapped on allocation and unmapped on free, so the resident memory follows the live tensors; the price is a
/// page fault per page of each such allocation (the scorer's own large buffer is pooled and not affected).</para>
/// <para>The setting is process-wide and belongs to an entry point (a CLI command, a benchmark), not to library code
/// paths.</para>
/// </remarks>
public static partial class NativeMemory
{
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD

    /// <summary>
    /// Makes glibc map every allocation of at least <paramref name="bytes"/> (at most 32 MiB) on its own and unmap it
    /// on free. Returns false where this is not glibc (nothing changes).
    /// </summary>
    public static bool SetMmapThreshold(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, 32L << 20);
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MmapThreshold, (int)bytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Returns free heap memory to the operating system (glibc's malloc_trim); false where unavailable.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            malloc_trim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int malloc_trim(nuint pad);
}
