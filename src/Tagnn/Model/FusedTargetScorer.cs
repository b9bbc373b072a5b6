using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// The production scorer: the <see cref="ITargetScorer"/> contract as one custom autograd function with a
/// hand-written backward. Nothing of size (B, N, d) is built and nothing is saved twice.
/// </summary>
/// <remarks>
/// <para>With the keys K and values V of the attended positions packed into U rows (padding is never scored; equal
/// positions, <see cref="TargetScorerInput.Groups"/>, are one row whose logit is raised by log(count)):</para>
/// <code>
/// forward:  [X; S] = [K; V] E^T                    one (2U, d) x (d, N) GEMM: logits X, values S   (Eq. 6)
///           beta = softmax over each example's rows (+ virtual positions), score = s E^T + sum_u beta_u S_u
///                                                  one fused pass; beta overwrites X           (Eq. 7, 11)
/// backward: dX = beta (S - T) g, dS = beta g      one fused pass, in place (T = sum_u beta_u S_u, g = dL/dscore)
///           [dK; dV] = [dX; dS] E,  dE = [dX; dS]^T [K; V] + g^T s,  ds = g E      two (2U x N)-sized GEMMs
/// </code>
/// <para>The (2U, N) buffer is the only large tensor; it comes from a pool (fresh large tensors cost page faults
/// here) and is kept for the backward pass when it fits <see cref="FusedScorerOptions.MaxSavedBytes"/>. Otherwise,
/// and always at inference, the scorer works in chunks of items, recomputing each chunk's product in the backward
/// pass. The softmax-and-sum passes run as a vectorised CPU kernel on CPU tensors and as tensor operations on any
/// other device (<see cref="FusedScorerOptions.Kernel"/>); every tensor is created on the inputs' device.</para>
/// <para>A backward pass consumes the kept buffer (its rows become gradients in place); backpropagating through the
/// same forward pass again (retain_graph) recomputes the products chunk by chunk. The buffer is an autograd saved
/// variable, so a forward pass that is never backpropagated frees it with its graph. An error inside a backward pass
/// cannot cross libtorch's native frames: the pass then yields no gradients, and the next <see cref="Score"/> call
/// throws the error.</para>
/// <para>Not thread-safe: one scorer serves one model on one thread (the buffer pool is locked, the statistics
/// are not).</para>
/// </remarks>
public sealed class FusedTargetScorer : ITargetScorer, IDisposable
{
    private readonly ScratchBufferPool pool = new();
    private Exception? backwardFailure;
    private long forwardCalls, backwardCalls, chunks, rows, positions;
    private double gemmMilliseconds, gemmFlops, kernelMilliseconds;

    /// <summary>Creates a scorer.</summary>
    /// <param name="options">Memory and kernel options (defaults when null).</param>
    public FusedTargetScorer(FusedScorerOptions? options = null)
    {
        Options = options ?? new FusedScorerOptions();
        Options.Validate();
    }

    /// <summary>The options.</summary>
    public FusedScorerOptions Options { get; }

    /// <summary>Counts and CPU timings since the last <see cref="ResetStatistics"/>.</summary>
    public FusedScorerStatistics Statistics =>
        new(forwardCalls, backwardCalls, chunks, gemmMilliseconds, gemmFlops, kernelMilliseconds, rows, positions);

    /// <summary>Bytes held by the scorer's idle scratch buffers.</summary>
    public long ScratchBytes => pool.FreeBytes;

    /// <summary>Zeroes <see cref="Statistics"/>.</summary>
    public void ResetStatistics()
    {
        forwardCalls = backwardCalls = chunks = rows = positions = 0;
        gemmMilliseconds = gemmFlops = kernelMilliseconds = 0;
    }

    /// <inheritdoc />
    public Tensor Score(TargetScorerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Interlocked.Exchange(ref backwardFailure, null) is { } failure)
            throw new InvalidOperationException($"The previous backward pass through the scorer failed (its gradients were not computed): {failure.Message}", failure);
        Check(input);
        using var scope = NewDisposeScope();
        var plan = TargetScorePlan.Build(Options.UseGroups ? input : input with { Groups = null });
        var kv = cat([plan.Pack(input.Keys), plan.Pack(input.Values)], 0);                      // (2U, d)
        var needsGrad = is_grad_enabled() && (kv.requires_grad || input.Session.requires_grad || input.Candidates.requires_grad);
        var run = new TargetScoreRun(this, plan, kv, input.Session, input.Candidates, needsGrad);
        forwardCalls++;
        rows += plan.Rows;
        positions += plan.Examples * (long)plan.Length;
        Tensor scores;
        if (!needsGrad) scores = run.Forward(kv, input.Session, input.Candidates);
        else
        {
            scores = TargetScoreFunction.apply(kv, input.Session, input.Candidates, run);
            run.ReleaseForwardHandle(); // the autograd node holds the kept buffer now
        }
        return scores.MoveToOuterDisposeScope();                                                   // (B, N)
    }

    /// <summary>Frees the scratch buffers (the scorer stays usable and allocates again when needed).</summary>
    public void Dispose() => pool.Dispose();

    internal ScratchBufferPool Pool => pool;

    internal void CountGemm(double milliseconds, double flops)
    {
        gemmMilliseconds += milliseconds;
        gemmFlops += flops;
    }

    internal void CountKernel(double milliseconds, long chunkCount)
    {
        kernelMilliseconds += milliseconds;
        chunks += chunkCount;
    }

    internal void CountBackward() => backwardCalls++;

    internal void BackwardFailed(Exception e)
    {
        backwardFailure = e;
        Console.Error.WriteLine($"FusedTargetScorer: the backward pass failed, no gradients were computed: {e.Message}");
    }

    private static void Check(TargetScorerInput x)
    {
        if (x.Keys.dim() != 3) throw new ArgumentException($"Keys must be (B, L, d), not [{string.Join(", ", x.Keys.shape)}].");
        var (b, l, d) = (x.Keys.shape[0], x.Keys.shape[1], x.Keys.shape[2]);
        if (!x.Values.shape.SequenceEqual(x.Keys.shape))
            throw new ArgumentException($"Values have shape [{string.Join(", ", x.Values.shape)}], the keys [{b}, {l}, {d}].");
        if (!x.Session.shape.SequenceEqual(new[] { b, d }))
            throw new ArgumentException($"Session has shape [{string.Join(", ", x.Session.shape)}], it must be [{b}, {d}].");
        if (x.Candidates.dim() != 2 || x.Candidates.shape[1] != d)
            throw new ArgumentException($"Candidates have shape [{string.Join(", ", x.Candidates.shape)}], they must be (N, {d}).");
        foreach (var (name, t) in new[] { ("Values", x.Values), ("Session", x.Session), ("Candidates", x.Candidates) })
        {
            if (t.dtype != x.Keys.dtype) throw new ArgumentException($"{name} is {t.dtype}, the keys {x.Keys.dtype}: use one dtype.");
            if (t.device_type != x.Keys.device_type || t.device_index != x.Keys.device_index)
                throw new ArgumentException($"{name} is on {t.device}, the keys on {x.Keys.device}: put every input on one device.");
        }
    }
}

/// <summary>One call of <see cref="FusedTargetScorer.Score"/>: the plan, chunking, kept buffer and kernels.</summary>
internal sealed unsafe class TargetScoreRun
{
    private readonly FusedTargetScorer scorer;
    private readonly bool keep;         // keep the whole (2U, N) product for the backward pass
    private readonly long chunkItems;   // items per chunk otherwise (and when recomputing)
    private readonly bool cpuKernel;
    private readonly int threads;
    private Tensor? kept;               // the forward pass's handle of the kept buffer
    private bool consumed;

    public TargetScoreRun(FusedTargetScorer scorer, TargetScorePlan plan, Tensor kv, Tensor session, Tensor candidates, bool needsGrad)
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
        var cpu = kv.device_type == DeviceType.CPU && (kv.dtype == ScalarType.Float32 || kv.dtype == ScalarType.Float64);
        cpuKernel = options.Kernel switch
        {
            ScorerKernel.Auto => cpu,
            ScorerKernel.Cpu => cpu ? true : throw new ArgumentException($"The CPU scorer kernel needs CPU float32 or float64 tensors, not {kv.dtype} on {kv.device}."),
            _ => false,
        };
        threads = options.Threads ?? torch.get_num_threads();
    }

    public FusedTargetScorer Scorer => scorer;

    public TargetScorePlan Plan { get; }

    public bool NeedsKv { get; }

    public bool NeedsSession { get; }

    public bool NeedsCandidates { get; }

    /// <summary>The kept buffer, to be saved by the autograd function, or null.</summary>
    public Tensor? Kept => kept;

    /// <summary>Scores (B, N) = s E^T + the target part; keeps beta and S when the run keeps its buffer.</summary>
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
            Kernel(TargetScorePass.Forward, y, scores, null, 0, 1);
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
                    Kernel(TargetScorePass.Scores, y, scores, null, c0, 0);
                }
                scorer.CountKernel(0, count);
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
            Kernel(TargetScorePass.Backward, y, null, g, 0, 1);                                   // -> dX, dS
            dKv = NeedsKv ? Gemm(null, y, candidates) : null;                                     // (2U, d)
            dCandidates = NeedsCandidates ? Gemm(null, y.t(), kv).addmm_(g.t(), session, 1, 1) : null; // (N, d)
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
                Kernel(TargetScorePass.RecomputeBackward, y, null, g, c0, 0);                    // -> dX, dS
                if (dKv is not null) Gemm(dKv, y, ec, accumulate: true);
                if (dCandidates is not null) Gemm(dCandidates.narrow(0, c0, w), y.t(), kv).addmm_(g.narrow(1, c0, w).t(), session, 1, 1);
            }
            scorer.CountKernel(0, count);
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
        var result = output is null ? a.mm(b) : output.addmm_(a, b, accumulate ? 1 : 0, 1);
        scorer.CountGemm(clock.Elapsed.TotalMilliseconds, 2.0 * a.shape[0] * a.shape[1] * b.shape[1]);
        return result;
    }

    // Runs a pass over chunk y (2U, w) whose first item is item c0 of the scores / gradient (B, N).
    private void Kernel(TargetScorePass pass, Tensor y, Tensor? scores, Tensor? grad, long c0, long chunkCount)
    {
        var clock = Stopwatch.StartNew();
        var w = y.shape[1];
        if (cpuKernel)
        {
            if (y.dtype == ScalarType.Float32) RunCpu<float>(pass, y, scores, grad, c0, w);
            else RunCpu<double>(pass, y, scores, grad, c0, w);
        }
        else
        {
            using var scope = NewDisposeScope();
            TargetScoreTorchKernel.Run(pass, Plan, y, scores?.narrow(1, c0, w), grad?.narrow(1, c0, w));
        }
        scorer.CountKernel(clock.Elapsed.TotalMilliseconds, chunkCount);
    }

    private void RunCpu<T>(TargetScorePass pass, Tensor y, Tensor? scores, Tensor? grad, long c0, long w)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var yp = TensorPointer.Of<T>(y);
        var sp = scores is null ? null : TensorPointer.Of<T>(scores) + c0;
        var gp = grad is null ? null : TensorPointer.Of<T>(grad) + c0;
        TargetScoreKernel.Run(pass, Plan, yp, y.shape[1], (int)w, sp, scores?.shape[1] ?? 0, gp, grad?.shape[1] ?? 0, threads);
    }
}

/// <summary>The scorer's custom autograd function: inputs kv (2U, d), session (B, d), candidates (N, d) and the run.</summary>
internal sealed class TargetScoreFunction : autograd.SingleTensorFunction<TargetScoreFunction>
{
    /// <inheritdoc />
    public override string Name => nameof(TargetScoreFunction);

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (kv, session, candidates, run) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (TargetScoreRun)vars[3]);
        var scores = run.Forward(kv, session, candidates);
        var saved = new List<Tensor> { kv, session, candidates };
        if (run.Kept is not null) saved.Add(run.Kept);
        ctx.save_for_backward(saved);
        ctx.save_data("run", run);
        return scores;
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        // Called from libtorch's native autograd engine: an exception must not escape (it cannot cross native frames).
        var run = (TargetScoreRun)ctx.get_data("run");
        try
        {
            using var scope = NewDisposeScope();
            var saved = ctx.get_saved_variables();
            var (dKv, dSession, dCandidates) = run.Backward(grad_output, saved[0], saved[1], saved[2], saved.Count > 3 ? saved[3] : null);
            dKv?.MoveToOuterDisposeScope();
            dSession?.MoveToOuterDisposeScope();
            dCandidates?.MoveToOuterDisposeScope();
            return [dKv!, dSession!, dCandidates!, null!];
        }
        catch (Exception e)
        {
            run.Scorer.BackwardFailed(e);
            return [null!, null!, null!, null!];
        }
    }
}

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
