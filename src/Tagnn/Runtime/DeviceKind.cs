namespace Tagnn.Runtime;

/// <summary>The kind of device a <see cref="ComputeDevice"/> is.</summary>
public enum DeviceKind
{
    /// <summary>The CPU (libtorch's CPU kernels, MKL/OpenMP threads).</summary>
    Cpu,

    /// <summary>An NVIDIA GPU through TorchSharp's CUDA build.</summary>
    Cuda,
}
