namespace Tagnn.Model;

/// <summary>How <see cref="FusedTargetScorer"/> trades memory for time.</summary>
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

    /// <summary>Which implementation of the softmax-and-sum passes runs (default: the CPU kernel on CPU float32 and
    /// float64 tensors, tensor operations elsewhere).</summary>
    public ScorerKernel Kernel { get; init; } = ScorerKernel.Auto;

    /// <summary>Score each group of equal positions (<see cref="TargetScorerInput.Groups"/>) once (default true);
    /// false scores every attended position (for measuring what grouping saves).</summary>
    public bool UseGroups { get; init; } = true;

    /// <summary>Threads of the CPU kernel; null (default) uses libtorch's intra-op thread count.</summary>
    public int? Threads { get; init; }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A size or count is not positive.</exception>
    public void Validate()
    {
        if (MaxSavedBytes < 0) throw new ArgumentException($"MaxSavedBytes must be >= 0, not {MaxSavedBytes}.");
        if (ChunkItems is < 1) throw new ArgumentException($"ChunkItems must be >= 1, not {ChunkItems}.");
        if (ChunkBytes < 1) throw new ArgumentException($"ChunkBytes must be >= 1, not {ChunkBytes}.");
        if (Threads is < 1) throw new ArgumentException($"Threads must be >= 1, not {Threads}.");
    }
}

/// <summary>Implementations of the fused softmax-and-sum passes of <see cref="FusedTargetScorer"/>.</summary>
public enum ScorerKernel
{
    /// <summary>The CPU kernel for CPU float32/float64 tensors, tensor operations otherwise.</summary>
    Auto,

    /// <summary>The vectorised CPU kernel (CPU tensors of float32 or float64 only).</summary>
    Cpu,

    /// <summary>Tensor operations (any device, any floating dtype).</summary>
    Tensor,
}

/// <summary>What a <see cref="FusedTargetScorer"/> did since its statistics were last reset (CPU timings: on a GPU
/// the clock does not wait for the device).</summary>
/// <param name="ForwardCalls">Score calls.</param>
/// <param name="BackwardCalls">Backward passes.</param>
/// <param name="Chunks">Chunks processed (forward and backward).</param>
/// <param name="GemmMilliseconds">Time in the large (2U, d) x (d, N)-sized products.</param>
/// <param name="GemmFlops">Floating-point operations of those products (2 m n k each).</param>
/// <param name="KernelMilliseconds">Time in the softmax-and-sum passes.</param>
/// <param name="Rows">Scored rows U, summed over calls (compare with B x L to see what packing saved).</param>
/// <param name="Positions">Positions B x L of the inputs, summed over calls.</param>
public sealed record FusedScorerStatistics(long ForwardCalls, long BackwardCalls, long Chunks, double GemmMilliseconds,
    double GemmFlops, double KernelMilliseconds, long Rows, long Positions)
{
    /// <summary>The GEMMs' rate in GFLOP/s.</summary>
    public double GemmGflops => GemmMilliseconds > 0 ? GemmFlops / GemmMilliseconds / 1e6 : 0;
}
