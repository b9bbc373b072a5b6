using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>
/// Large scratch buffers reused across calls. Fresh large tensors are expensive here: glibc maps every allocation
/// over 32 MB afresh and each first touch of a page faults (element-wise work ran 3-6x slower on fresh memory than on
/// reused memory on this project's machines), so the scorer's (2U, N) products live in buffers that are kept.
/// </summary>
/// <remarks>
/// A rented buffer belongs to the renter until returned. Buffers are 1-D, owned by the pool (in no dispose scope),
/// and at least as large as asked (with 25 % headroom, so batches that vary a little reuse one buffer). At most
/// <see cref="MaxFree"/> buffers are kept; <see cref="Dispose"/> frees them.
/// </remarks>
internal sealed class ScratchBufferPool : IDisposable
{
    private const int MaxFree = 2;
    private readonly List<Tensor> free = [];
    private readonly Lock gate = new();

    /// <summary>A 1-D buffer of at least <paramref name="elements"/> elements (contents undefined).</summary>
    public Tensor Rent(long elements, ScalarType dtype, Device device)
    {
        lock (gate)
        {
            // By index, never List.Remove: Tensor.Equals compares contents.
            var best = -1;
            for (var i = 0; i < free.Count; i++)
            {
                if (Fits(free[i], dtype, device) && free[i].numel() >= elements && (best < 0 || free[i].numel() < free[best].numel()))
                    best = i;
            }
            if (best >= 0)
            {
                var found = free[best];
                free.RemoveAt(best);
                return found;
            }
            // Nothing fits: drop the buffers of this kind that are too small, they would only hold memory.
            for (var i = free.Count - 1; i >= 0; i--)
            {
                if (!Fits(free[i], dtype, device)) continue;
                free[i].Dispose();
                free.RemoveAt(i);
            }
        }
        using var scope = NewDisposeScope();
        return empty(elements + elements / 4, dtype: dtype, device: device).DetachFromDisposeScope();
    }

    /// <summary>Gives a buffer back (it must not be used by the caller afterwards).</summary>
    public void Return(Tensor buffer)
    {
        lock (gate)
        {
            free.Add(buffer);
            while (free.Count > MaxFree)
            {
                var smallest = 0;
                for (var i = 1; i < free.Count; i++)
                {
                    if (free[i].numel() < free[smallest].numel()) smallest = i;
                }
                free[smallest].Dispose();
                free.RemoveAt(smallest);
            }
        }
    }

    /// <summary>Bytes held by free buffers.</summary>
    public long FreeBytes
    {
        get
        {
            lock (gate) return free.Sum(t => t.numel() * t.ElementSize);
        }
    }

    private static bool Fits(Tensor t, ScalarType dtype, Device device) =>
        t.dtype == dtype && t.device_type == device.type && t.device_index == device.index;

    /// <summary>Frees every kept buffer.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            foreach (var t in free) t.Dispose();
            free.Clear();
        }
    }
}
