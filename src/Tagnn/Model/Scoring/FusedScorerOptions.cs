using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>How <see cref="FusedTargetScorer"/> trades memory for time, and which kernel runs its passes.</summary>
public sealed record FusedScorerOptions
{
    /// <summary>
    /// The largest (2U, N) product buffer kept from the forward pass for the backward pass (U = scored rows of the
    /// batch, N = items); default 1 GiB (at N 43,097 in float32, U up to about 3,100 rows, i.e. batch 100 with
    /// prefixes up to 31 distinct clicks). Above it, training chunks over N and recomputes each chunk's two products
    /// in the backward pass (one more GEMM per step, memory independent of N).
    /// </summary>
    public long MaxSavedBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Items per chunk when chunking; null (default) sizes chunks to about <see cref="ChunkBytes"/>. Setting it forces
    /// chunking in training too (with recomputation in the backward pass).
    /// </summary>
    public int? ChunkItems { get; init; }

    /// <summary>The size of one chunk's (2U, items) buffer when <see cref="ChunkItems"/> is null (default 64 MiB).
    /// Inference always chunks (nothing is kept for a backward pass).</summary>
    public long ChunkBytes { get; init; } = 64L << 20;

    /// <summary>Which kernel runs the fused softmax-and-sum passes (default <see cref="ScorerKernel.Auto"/>: chosen
    /// by the tensors' device and dtype, see <see cref="KernelFor"/>).</summary>
    public ScorerKernel Kernel { get; init; } = ScorerKernel.Auto;

    /// <summary>Threads of the CPU kernel; null (default) uses libtorch's intra-op thread count.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// The kernel that runs for tensors of <paramref name="dtype"/> on <paramref name="device"/>: the CPU kernel reads
    /// and writes the tensors' memory through pointers, so it runs only on CPU float32/float64 tensors; on any other
    /// device (a GPU, the meta device) or dtype the tensor kernel runs, which never reads device memory on the host.
    /// </summary>
    /// <returns><see cref="ScorerKernel.Cpu"/> or <see cref="ScorerKernel.Tensor"/>.</returns>
    /// <exception cref="ArgumentException"><see cref="Kernel"/> is <see cref="ScorerKernel.Cpu"/> and the tensors
    /// are not CPU float32/float64 tensors.</exception>
    public ScorerKernel KernelFor(Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(device);
        var cpuReadable = device.type == DeviceType.CPU && dtype is ScalarType.Float32 or ScalarType.Float64;
        return Kernel switch
        {
            ScorerKernel.Auto => cpuReadable ? ScorerKernel.Cpu : ScorerKernel.Tensor,
            ScorerKernel.Cpu when !cpuReadable =>
                throw new ArgumentException($"The CPU scorer kernel needs CPU float32 or float64 tensors, not {dtype} on {device}."),
            _ => Kernel,
        };
    }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A size or count is not positive.</exception>
    public void Validate()
    {
        if (MaxSavedBytes < 0) throw new ArgumentException($"MaxSavedBytes must be >= 0, not {MaxSavedBytes}.");
        if (ChunkItems is < 1) throw new ArgumentException($"ChunkItems must be >= 1, not {ChunkItems}.");
        if (ChunkBytes < 1) throw new ArgumentException($"ChunkBytes must be >= 1, not {ChunkBytes}.");
        if (Threads is < 1) throw new ArgumentException($"Threads must be >= 1, not {Threads}.");
        if (!Enum.IsDefined(Kernel)) throw new ArgumentException($"Unknown scorer kernel {Kernel}.");
    }
}
