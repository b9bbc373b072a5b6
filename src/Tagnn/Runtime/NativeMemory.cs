using System.Runtime.InteropServices;

namespace Tagnn.Runtime;

/// <summary>
/// How the C allocator behind libtorch returns large blocks to the operating system (glibc on Linux).
/// </summary>
/// <remarks>
/// <para>Measured here (N 43,097, batch 100): without care, the resident memory of a training loop creeps up step
/// after step (an SR-GNN loop from 0.44 to 1.3-1.6 GB over 40-100 steps, TAGNN past 1.2 GB in 40 steps), although the
/// live tensors do not grow. The memory is free memory glibc keeps: small native objects that TorchSharp frees only in
/// finalizers (they wait for a garbage collection) sit between the large (B, N) tensors glibc serves from its heap,
/// so the freed large blocks cannot be merged and returned. Two remedies, both measured in BENCHMARKS.md: a
/// garbage collection every few steps (<c>GC.Collect(); GC.WaitForPendingFinalizers();</c>, cheap: the managed heap
/// is small), or <see cref="SetMmapThreshold"/>, which maps every large block on its own so a freed tensor leaves
/// the resident memory at once, at the price of a page fault per page of every such allocation (about 70-80 ms per
/// SR-GNN step here).</para>
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
