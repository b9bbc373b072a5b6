using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>
/// The production scorer: the <see cref="ITargetScorer"/> contract (Eq. 6, 7, 10 and Section 2.5's inner product) as
/// one custom autograd function with a hand-written backward. Nothing of size (B, N, d) is built and nothing is saved
/// twice.
/// </summary>
/// <remarks>
/// <para>With the keys K and values V of the attended positions packed into U rows (<see cref="TargetScorePlan"/>:
/// padding is never scored; equal positions, <see cref="TargetScorerInput.Groups"/>, are one row whose logit is
/// raised by log(count)), s the session vectors, E the candidates and g = dL/dscore:</para>
/// <code>
/// forward:  [X; S] = [K; V] E^T                    one (2U, d) x (d, N) GEMM: logits X (Eq. 6), values S
///           beta = softmax over each example's rows (+ virtual positions)                       (Eq. 6)
///           score = s E^T + sum_u beta_u S_u       one fused pass; beta overwrites X   (Eq. 7, 10, Section 2.5)
/// backward: dX = beta (S - T) g, dS = beta g      one fused pass, in place (T = sum_u beta_u S_u)
///           [dK; dV] = [dX; dS] E,  dE = [dX; dS]^T [K; V] + g^T s,  ds = g E      two (2U x N)-sized GEMMs
/// </code>
/// <para>The (2U, N) buffer is the only large tensor; it comes from a pool (fresh large tensors cost page faults
/// here) and is kept for the backward pass when it fits <see cref="FusedScorerOptions.MaxSavedBytes"/>. Otherwise,
/// and always at inference, the scorer works in chunks of items, recomputing each chunk's product in the backward
/// pass. The fused passes (<see cref="TargetScorePass"/>) run in a kernel chosen by the tensors' device
/// (<see cref="FusedScorerOptions.KernelFor"/>): the vectorised CPU kernel on CPU tensors, the tensor kernel on any
/// other device; every tensor is created on the inputs' device, and with <see cref="TargetScorerInput.Host"/> set
/// nothing is read from device memory.</para>
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
        var plan = TargetScorePlan.Build(input);
        var kv = cat([plan.Pack(input.Keys), plan.Pack(input.Values)], 0);                      // (2U, d)
        var needsGrad = is_grad_enabled() && (kv.requires_grad || input.Session.requires_grad || input.Candidates.requires_grad);
        var call = new FusedScoreCall(this, plan, kv, input.Session, input.Candidates, needsGrad);
        forwardCalls++;
        rows += plan.Rows;
        positions += plan.Examples * (long)plan.Length;
        Tensor scores;
        if (!needsGrad) scores = call.Forward(kv, input.Session, input.Candidates);
        else
        {
            scores = TargetScoreFunction.apply(kv, input.Session, input.Candidates, call);
            call.ReleaseForwardHandle(); // the autograd node holds the kept buffer now
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
