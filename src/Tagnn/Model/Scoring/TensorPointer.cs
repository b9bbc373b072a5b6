using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>Raw pointers into contiguous CPU tensors (valid while the tensor lives).</summary>
internal static unsafe class TensorPointer
{
    /// <summary>The address of the first element of <paramref name="t"/> (contiguous, CPU).</summary>
    public static T* Of<T>(Tensor t) where T : unmanaged
    {
        if (t.device_type != DeviceType.CPU) throw new InvalidOperationException($"A CPU tensor is needed, not one on {t.device}.");
        if (!t.is_contiguous()) throw new InvalidOperationException("A contiguous tensor is needed.");
        if (t.numel() == 0) return null;
        using var first = t.view(-1).narrow(0, 0, 1);
        return (T*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(first.bytes));
    }
}
