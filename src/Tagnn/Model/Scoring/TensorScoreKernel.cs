using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>
/// The tensor kernel (<see cref="ScorerKernel.Tensor"/>): the passes of <see cref="CpuScoreKernel"/> written with tensor
/// operations, for any device and dtype (the CPU kernel is the fast path on a CPU; this one is what runs on a GPU, and
/// it never reads device memory on the host). Same buffer layout, same results. Rows are picked with <c>gather</c>, not
/// <c>index_select</c>, which has no meta kernel in libtorch without Python (so the kernel also runs on the meta device).
/// </summary>
internal static class TensorScoreKernel
{
    /// <summary>
    /// The largest (B * R, columns) temporary of a block (16 MiB): the passes run over the chunk's items in blocks of
    /// this size, so their temporaries (about ten tensors of a block's size) stay small next to the (2U, n) buffer
    /// whatever the chunk's width (the whole catalogue when the product is kept for the backward pass).
    /// </summary>
    public const long DefaultBlockBytes = 16L << 20;

    /// <summary>Runs <paramref name="pass"/> over a chunk, in blocks of items.</summary>
    /// <param name="pass">What to compute.</param>
    /// <param name="plan">The packed rows.</param>
    /// <param name="chunk">(2U, n): U logit rows then U value rows.</param>
    /// <param name="scores">(B, n) scores of the chunk's items (updated in place), or null.</param>
    /// <param name="grad">(B, n) dL/dscore of the chunk's items (backward passes), or null.</param>
    /// <param name="blockBytes">The size of a block's (B * R, columns) temporary (every item's column is independent
    /// of the others, so the blocks give the same numbers as one pass over the chunk).</param>
    public static void Run(TargetScorePass pass, TargetScorePlan plan, Tensor chunk, Tensor? scores, Tensor? grad,
        long blockBytes = DefaultBlockBytes)
    {
        var n = chunk.shape[1];
        if (plan.Rows == 0 || n == 0) return;
        using var scope = NewDisposeScope();
        var device = chunk.device;
        var example = tensor(RowExamples(plan), device: device);                                 // (U)
        var slot = tensor(Slots(plan), device: device);                                          // (U)
        var column = (long)plan.Examples * Math.Max(plan.WidestExample, 1) * chunk.ElementSize;  // bytes of a (B * R) column
        var width = Math.Clamp(blockBytes / column, 1, n);
        for (long c0 = 0; c0 < n; c0 += width)
        {
            using var blockScope = NewDisposeScope();
            var w = Math.Min(width, n - c0);
            RunBlock(pass, plan, chunk.narrow(1, c0, w), scores?.narrow(1, c0, w), grad?.narrow(1, c0, w), example, slot);
        }
    }

    // One block of items: chunk (2U, w), scores and grad (B, w) views into the caller's tensors.
    private static void RunBlock(TargetScorePass pass, TargetScorePlan plan, Tensor chunk, Tensor? scores, Tensor? grad,
        Tensor example, Tensor slot)
    {
        var u = plan.Rows;
        var x = chunk.narrow(0, 0, u);                                                           // (U, w)
        var s = chunk.narrow(0, u, u);                                                           // (U, w)
        if (pass != TargetScorePass.Backward)
        {
            var (beta, target) = Softmax(plan, x, s, slot);                                      // (U, w), (B, w)
            if (pass == TargetScorePass.Scores || pass == TargetScorePass.Forward) scores?.add_(target);
            if (pass == TargetScorePass.Scores) return;
            x.copy_(beta);
            if (pass == TargetScorePass.Forward) return;
        }
        // x holds beta: T = sum_u beta_u S_u per example, dX = beta (S - T) g, dS = beta g.
        var t = zeros(plan.Examples, x.shape[1], dtype: x.dtype, device: x.device).index_add_(0, example, x * s, 1); // (B, w)
        var rowsOf = example.view(-1, 1).expand(-1, x.shape[1]);                                 // (U, w)
        var bg = x * grad!.gather(0, rowsOf);                                                    // (U, w)
        x.copy_(bg * (s - t.gather(0, rowsOf)));
        s.copy_(bg);
    }

    // beta (U, n) and sum_u beta_u S_u (B, n), through a (B, R, n) layout of each example's rows (R = the widest
    // example; empty slots have logit -inf).
    private static (Tensor Beta, Tensor Target) Softmax(TargetScorePlan plan, Tensor x, Tensor s, Tensor slot)
    {
        var device = x.device;
        var (b, r, n) = (plan.Examples, plan.WidestExample, x.shape[1]);
        var logCount = tensor(plan.Counts, device: device).to(x.dtype).log().unsqueeze(1);       // (U, 1)
        var xr = full(b * r, n, double.NegativeInfinity, dtype: x.dtype, device: device)
            .index_copy_(0, slot, x + logCount).view(b, r, n);                                   // (B, R, n)
        var sr = zeros(b * r, n, dtype: x.dtype, device: device).index_copy_(0, slot, s).view(b, r, n);
        var max = xr.amax([1], keepdim: true);                                                   // (B, 1, n)
        Tensor? virtualLog = null;
        if (plan.HasVirtual)
        {
            virtualLog = tensor(plan.VirtualCounts, device: device).to(x.dtype).log().view(b, 1, 1); // -inf for none
            max = maximum(max, virtualLog);
        }
        max = max.masked_fill(max.isneginf(), 0);                                               // examples without rows
        var e = (xr - max).exp();                                                                // (B, R, n), 0 on empty slots
        var z = e.sum(1, keepdim: true);
        if (virtualLog is not null) z = z + (virtualLog - max).exp();
        z = z.masked_fill(z.eq(0), 1);
        var beta = e / z;                                                                        // (B, R, n)
        var target = (beta * sr).sum(1);                                                         // (B, n)
        return (beta.view(b * r, n).gather(0, slot.view(-1, 1).expand(-1, n)), target);
    }

    private static long[] RowExamples(TargetScorePlan plan)
    {
        var rows = new long[plan.Rows];
        for (var b = 0; b < plan.Examples; b++)
        {
            for (var u = plan.Offsets[b]; u < plan.Offsets[b + 1]; u++) rows[u] = b;
        }
        return rows;
    }

    private static long[] Slots(TargetScorePlan plan)
    {
        var slots = new long[plan.Rows];
        for (var b = 0; b < plan.Examples; b++)
        {
            for (var u = plan.Offsets[b]; u < plan.Offsets[b + 1]; u++) slots[u] = (long)b * plan.WidestExample + u - plan.Offsets[b];
        }
        return slots;
    }
}
