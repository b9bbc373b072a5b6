using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>
/// What one call of <see cref="FusedTargetScorer.Score"/> shares between its forward and backward passes: the plan,
/// the chunking, the kept buffer and the kernel that runs the passes.
/// </summary>
internal sealed unsafe class FusedScoreCall
{
    private readonly FusedTargetScorer scorer;
    private readonly bool keep;         // keep the whole (2U, N) product for the backward pass
    private readonly long chunkItems;   // items per chunk otherwise (and when recomputing)
    private readonly ScorerKernel kernel; // Cpu or Tensor: chosen by the tensors' device and dtype
    private readonly int threads;
    private Tensor? kept;               // the forward pass's handle of the kept buffer
    private bool consumed;

    public FusedScoreCall(FusedTargetScorer scorer, TargetScorePlan plan, Tensor kv, Tensor session, Tensor candidates, bool needsGrad)
    {
        this.scorer = scorer;
        Plan = plan;
        NeedsKv = kv.requires_grad;
        NeedsSession = session.requires_grad;
        NeedsCandidates = candidates.requires_grad;
        var options = scorer.Options;
        var n = candidates.shape[0];
        var rowBytes = 2L * plan.Rows * kv.ElementSize;                                             // one item's column
        keep = needsGrad && options.ChunkItems is null && rowBytes * n <= options.MaxSavedBytes;
        chunkItems = Math.Clamp(options.ChunkItems ?? options.ChunkBytes / Math.Max(rowBytes, 1), 1, Math.Max(n, 1));
        kernel = options.KernelFor(kv.device, kv.dtype);
        threads = options.Threads ?? torch.get_num_threads();
    }

    public FusedTargetScorer Scorer => scorer;

    public TargetScorePlan Plan { get; }

    public bool NeedsKv { get; }

    public bool NeedsSession { get; }

    public bool NeedsCandidates { get; }

    /// <summary>The kept buffer, to be saved by the autograd function, or null.</summary>
    public Tensor? Kept => kept;

    /// <summary>Scores (B, N) = s E^T + the target part; keeps beta and S when the call keeps its buffer.</summary>
    public Tensor Forward(Tensor kv, Tensor session, Tensor candidates)
    {
        using var scope = NewDisposeScope();
        var n = candidates.shape[0];
        var scores = session.mm(candidates.t()).contiguous();                                    // (B, N)
        if (Plan.Rows == 0 || n == 0) return scores.MoveToOuterDisposeScope();
        var u2 = 2L * Plan.Rows;
        if (keep)
        {
            var buffer = scorer.Pool.Rent(u2 * n, kv.dtype, kv.device);
            kept = buffer;
            var y = buffer.narrow(0, 0, u2 * n).view(u2, n);                                       // (2U, N)
            Gemm(y, kv, candidates.t());
            RunPass(TargetScorePass.Forward, chunk: y, scores: scores, grad: null, firstItem: 0, chunksToCount: 1);
        }
        else
        {
            var buffer = scorer.Pool.Rent(u2 * chunkItems, kv.dtype, kv.device);
            try
            {
                var count = 0;
                for (long c0 = 0; c0 < n; c0 += chunkItems, count++)
                {
                    var w = Math.Min(chunkItems, n - c0);
                    var y = buffer.narrow(0, 0, u2 * w).view(u2, w);                               // (2U, w)
                    Gemm(y, kv, candidates.narrow(0, c0, w).t());
                    RunPass(TargetScorePass.Scores, chunk: y, scores: scores, grad: null, firstItem: c0, chunksToCount: 0);
                }
                scorer.CountKernel(milliseconds: 0, chunkCount: count);
            }
            finally
            {
                scorer.Pool.Return(buffer);
            }
        }
        return scores.MoveToOuterDisposeScope();
    }

    /// <summary>Drops the forward pass's handle of the kept buffer (the autograd node saved its own).</summary>
    public void ReleaseForwardHandle()
    {
        kept?.Dispose();
        kept = null;
    }

    /// <summary>Gradients for kv (2U, d), session (B, d) and candidates (N, d) (null where not needed).</summary>
    public (Tensor? Kv, Tensor? Session, Tensor? Candidates) Backward(Tensor grad, Tensor kv, Tensor session,
        Tensor candidates, Tensor? keptBuffer)
    {
        scorer.CountBackward();
        var n = candidates.shape[0];
        var g = grad.contiguous();                                                               // (B, N)
        var dSession = NeedsSession ? g.mm(candidates) : null;                                   // (B, d)
        if (Plan.Rows == 0 || n == 0)
        {
            var dCandidates0 = NeedsCandidates ? g.t().mm(session) : null;                        // (N, d)
            return (NeedsKv ? zeros_like(kv) : null, dSession, dCandidates0);
        }
        var u2 = 2L * Plan.Rows;
        Tensor? dKv, dCandidates;
        if (keep && !consumed && keptBuffer is not null)
        {
            consumed = true; // a second backward pass (retain_graph) recomputes below
            var y = keptBuffer.narrow(0, 0, u2 * n).view(u2, n);                                  // (2U, N): beta, S
            RunPass(TargetScorePass.Backward, chunk: y, scores: null, grad: g, firstItem: 0, chunksToCount: 1); // -> dX, dS
            dKv = NeedsKv ? Gemm(null, y, candidates) : null;                                     // (2U, d)
            dCandidates = NeedsCandidates ? Gemm(null, y.t(), kv).addmm_(g.t(), session, beta: 1, alpha: 1) : null; // (N, d)
            scorer.Pool.Return(keptBuffer.DetachFromDisposeScope());
            return (dKv, dSession, dCandidates);
        }
        dKv = NeedsKv ? zeros_like(kv) : null;
        dCandidates = NeedsCandidates ? empty_like(candidates) : null;
        var buffer = scorer.Pool.Rent(u2 * chunkItems, kv.dtype, kv.device);
        try
        {
            var count = 0;
            for (long c0 = 0; c0 < n; c0 += chunkItems, count++)
            {
                var w = Math.Min(chunkItems, n - c0);
                using var chunkScope = NewDisposeScope();
                var ec = candidates.narrow(0, c0, w);                                            // (w, d)
                var y = buffer.narrow(0, 0, u2 * w).view(u2, w);                                   // (2U, w)
                Gemm(y, kv, ec.t());                                                             // recompute X, S
                RunPass(TargetScorePass.RecomputeBackward, chunk: y, scores: null, grad: g, firstItem: c0, chunksToCount: 0); // -> dX, dS
                if (dKv is not null) Gemm(dKv, y, ec, accumulate: true);
                if (dCandidates is not null) Gemm(dCandidates.narrow(0, c0, w), y.t(), kv).addmm_(g.narrow(1, c0, w).t(), session, beta: 1, alpha: 1);
            }
            scorer.CountKernel(milliseconds: 0, chunkCount: count);
        }
        finally
        {
            scorer.Pool.Return(buffer);
        }
        return (dKv, dSession, dCandidates);
    }

    // output = a b (into output when given, else a new tensor); accumulate adds to output. Timed as a scorer GEMM.
    private Tensor Gemm(Tensor? output, Tensor a, Tensor b, bool accumulate = false)
    {
        var clock = Stopwatch.StartNew();
        var result = output is null ? a.mm(b) : output.addmm_(a, b, beta: accumulate ? 1 : 0, alpha: 1);
        scorer.CountGemm(clock.Elapsed.TotalMilliseconds, 2.0 * a.shape[0] * a.shape[1] * b.shape[1]);
        return result;
    }

    // Runs a pass of the kernel over a chunk (2U, w) whose first item is item firstItem of the scores and of the
    // gradient (B, N); counts the pass's time, and chunksToCount chunks, in the scorer's statistics.
    private void RunPass(TargetScorePass pass, Tensor chunk, Tensor? scores, Tensor? grad, long firstItem, long chunksToCount)
    {
        var clock = Stopwatch.StartNew();
        var w = chunk.shape[1];
        if (kernel == ScorerKernel.Cpu)
        {
            if (chunk.dtype == ScalarType.Float32) RunCpu<float>(pass, chunk, scores, grad, firstItem, w);
            else RunCpu<double>(pass, chunk, scores, grad, firstItem, w);
        }
        else
        {
            using var scope = NewDisposeScope();
            TensorScoreKernel.Run(pass, Plan, chunk, scores?.narrow(1, firstItem, w), grad?.narrow(1, firstItem, w));
        }
        scorer.CountKernel(clock.Elapsed.TotalMilliseconds, chunksToCount);
    }

    private void RunCpu<T>(TargetScorePass pass, Tensor chunk, Tensor? scores, Tensor? grad, long firstItem, long w)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var buffer = TensorPointer.Of<T>(chunk);
        var scoresAt = scores is null ? null : TensorPointer.Of<T>(scores) + firstItem;
        var gradAt = grad is null ? null : TensorPointer.Of<T>(grad) + firstItem;
        CpuScoreKernel.Run(pass, Plan, buffer, ld: chunk.shape[1], columns: (int)w, scores: scoresAt, ldScores: scores?.shape[1] ?? 0,
            grad: gradAt, ldGrad: grad?.shape[1] ?? 0, threads: threads);
    }
}
