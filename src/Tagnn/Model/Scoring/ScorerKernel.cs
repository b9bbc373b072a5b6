namespace Tagnn.Model.Scoring;

/// <summary>
/// The kernels of <see cref="FusedTargetScorer"/>: a kernel is one implementation of the fused softmax-and-sum passes
/// (<see cref="TargetScorePass"/>) over a chunk of the (2U, N) product buffer.
/// </summary>
public enum ScorerKernel
{
    /// <summary>Chosen by the tensors: the CPU kernel for CPU float32/float64 tensors, the tensor kernel otherwise
    /// (<see cref="FusedScorerOptions.KernelFor"/>).</summary>
    Auto,

    /// <summary>The vectorised CPU kernel (<see cref="CpuScoreKernel"/>; CPU tensors of float32 or float64 only).</summary>
    Cpu,

    /// <summary>The tensor kernel (<see cref="TensorScoreKernel"/>): tensor operations, any device, any floating dtype.</summary>
    Tensor,
}
