using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Graphs;

/// <summary>Copies managed buffers into new tensors with one copy each (no per-element tensor operations).</summary>
internal static class HostTensors
{
    /// <summary>A new tensor of <paramref name="shape"/> holding <paramref name="data"/>, on <paramref name="device"/>.</summary>
    /// <remarks>On the meta device (shapes without data, <c>MetaDeviceTests</c>) the copy keeps the shape and dtype and
    /// drops the values; the batch's host arrays still hold them for the model's per-batch constants.</remarks>
    public static Tensor Create<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, ScalarType dtype, Device device)
        where T : unmanaged
    {
        var cpu = empty(shape, dtype, CPU);
        var bytes = MemoryMarshal.AsBytes(data);
        if (bytes.Length != cpu.NumberOfElements * cpu.ElementSize)
            throw new ArgumentException($"{data.Length} values do not fill a tensor of shape [{string.Join(", ", shape.ToArray())}].");
        if (bytes.Length > 0) bytes.CopyTo(cpu.bytes); // CPU tensor: `bytes` is a view of its storage
        if (device.type == DeviceType.CPU) return cpu;
        using (cpu) return cpu.to(device);
    }
}
