namespace Tagnn.Model.Scoring;

/// <summary>What a <see cref="FusedTargetScorer"/> did since its statistics were last reset (CPU timings: on a GPU
/// the clock does not wait for the device).</summary>
/// <param name="ForwardCalls">Score calls.</param>
/// <param name="BackwardCalls">Backward passes.</param>
/// <param name="Chunks">Chunks processed (forward and backward).</param>
/// <param name="GemmMilliseconds">Time in the large (2U, d) x (d, N)-sized products.</param>
/// <param name="GemmFlops">Floating-point operations of those products (2 m n k each).</param>
/// <param name="KernelMilliseconds">Time in the kernels' softmax-and-sum passes.</param>
/// <param name="Rows">Scored rows U, summed over calls (compare with B x L to see what packing saved).</param>
/// <param name="Positions">Positions B x L of the inputs, summed over calls.</param>
public sealed record FusedScorerStatistics(long ForwardCalls, long BackwardCalls, long Chunks, double GemmMilliseconds,
    double GemmFlops, double KernelMilliseconds, long Rows, long Positions)
{
    /// <summary>The GEMMs' rate in GFLOP/s.</summary>
    public double GemmGflops => GemmMilliseconds > 0 ? GemmFlops / GemmMilliseconds / 1e6 : 0;
}
