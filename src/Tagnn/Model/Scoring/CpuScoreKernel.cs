using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tagnn.Model.Scoring;

/// <summary>
/// The CPU kernel (<see cref="ScorerKernel.Cpu"/>): the fused softmax and weighted sum of <see cref="FusedTargetScorer"/>
/// on CPU memory, one pass per chunk, vectorised over items and parallel over (example, item block). It reads and
/// writes the tensors' memory through pointers: CPU tensors only (<see cref="FusedScorerOptions.KernelFor"/>).
/// </summary>
/// <remarks>
/// <para>The buffer holds U logit rows X (u = 0..U-1) then U value rows S, each of <c>columns</c> items with row
/// stride <c>ld</c>; rows of example b are [Offsets[b], Offsets[b + 1]) (<see cref="TargetScorePlan"/>). Per example
/// b and item t, with count c_u and v_b virtual positions of logit 0 and value 0:</para>
/// <code>
/// m = max(max_u X[u,t], 0 if v_b > 0)         e_u = c_u exp(X[u,t] - m)      z = sum_u e_u + v_b exp(-m)
/// beta_u = e_u / z                            score[b,t] += sum_u beta_u S[u,t] = T
/// dX[u,t] = beta_u (S[u,t] - T) g[b,t]       dS[u,t] = beta_u g[b,t]          (g = dL/dscore)
/// </code>
/// <para>Each work item keeps its rows' block of items in cache: the chunk is read once and written at most once
/// per pass.</para>
/// </remarks>
internal static unsafe class CpuScoreKernel
{
    private const int BlockItems = 1024;   // items per work item (per example)
    private const int InnerItems = 128;    // items per cache block inside a work item

    /// <summary>Runs <paramref name="pass"/> over a chunk.</summary>
    /// <param name="pass">What to compute.</param>
    /// <param name="plan">The packed rows.</param>
    /// <param name="buffer">The chunk's first logit row (U logit rows then U value rows).</param>
    /// <param name="ld">Row stride of <paramref name="buffer"/> in elements.</param>
    /// <param name="columns">Items in the chunk.</param>
    /// <param name="scores">Scores (B rows, stride <paramref name="ldScores"/>) at the chunk's first item, or null
    /// (not needed by backward passes).</param>
    /// <param name="ldScores">Row stride of <paramref name="scores"/>.</param>
    /// <param name="grad">dL/dscore at the chunk's first item (backward passes), or null.</param>
    /// <param name="ldGrad">Row stride of <paramref name="grad"/>.</param>
    /// <param name="threads">Parallel workers.</param>
    public static void Run<T>(TargetScorePass pass, TargetScorePlan plan, T* buffer, long ld, int columns,
        T* scores, long ldScores, T* grad, long ldGrad, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (plan.Rows == 0 || columns == 0) return;
        var counts = new T[plan.Rows];
        for (var u = 0; u < counts.Length; u++) counts[u] = T.CreateChecked(plan.Counts[u]);
        var virtualCounts = new T[plan.Examples];
        for (var b = 0; b < virtualCounts.Length; b++) virtualCounts[b] = T.CreateChecked(plan.VirtualCounts[b]);
        var job = new Job<T>(pass, plan, counts, virtualCounts, (nint)buffer, ld, columns, (nint)scores, ldScores, (nint)grad, ldGrad);
        var blocks = (columns + BlockItems - 1) / BlockItems;
        var items = plan.Examples * blocks;
        if (threads <= 1 || items == 1)
        {
            for (var i = 0; i < items; i++) job.Execute(i / blocks, i % blocks);
        }
        else
        {
            Parallel.For(0, items, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => job.Execute(i / blocks, i % blocks));
        }
    }

    private sealed class Job<T>(TargetScorePass pass, TargetScorePlan plan, T[] counts, T[] virtualCounts,
        nint buffer, long ld, int columns, nint scores, long ldScores, nint grad, long ldGrad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly bool weighted = plan.HasRepeats;

        public void Execute(int example, int block)
        {
            var r0 = plan.Offsets[example];
            var rows = plan.Offsets[example + 1] - r0;
            if (rows == 0) return; // only virtual positions: beta puts no mass on any value, nothing to add
            var start = block * BlockItems;
            var end = Math.Min(columns, start + BlockItems);
            var v = Vector256<T>.Count;
            var x = (T*)buffer + r0 * ld;
            var s = (T*)buffer + (plan.Rows + r0) * ld;
            var o = scores == 0 ? null : (T*)scores + example * ldScores;
            var g = grad == 0 ? null : (T*)grad + example * ldGrad;
            var c = counts.AsSpan(r0, rows);
            var vc = virtualCounts[example];
            var vectorEnd = end - (end - start) % v;
            fixed (T* cp = c)
            {
                for (var j = start; j < vectorEnd; j += InnerItems)
                {
                    var w = Math.Min(InnerItems, vectorEnd - j);
                    Block(x + j, s + j, ld, rows, cp, vc, o is null ? null : o + j, g is null ? null : g + j, w);
                }
                if (vectorEnd < end) Tail(x, s, rows, cp, vc, o, g, vectorEnd, end - vectorEnd);
            }
        }

        // The last (< vector width) items of a row: copied to a vector-wide scratch (spare lanes hold 0, which stay
        // finite), computed as a block, copied back.
        private void Tail(T* x, T* s, int rows, T* cp, T vc, T* o, T* g, int at, int count)
        {
            var v = Vector256<T>.Count;
            var scratch = ArrayPool<T>.Shared.Rent(2 * rows * v + 2 * v);
            try
            {
                Array.Clear(scratch);
                fixed (T* p = scratch)
                {
                    T* xs = p, ss = p + rows * v, os = p + 2 * rows * v, gs = os + v;
                    for (var u = 0; u < rows; u++)
                    {
                        for (var k = 0; k < count; k++)
                        {
                            xs[u * v + k] = x[u * ld + at + k];
                            ss[u * v + k] = s[u * ld + at + k];
                        }
                    }
                    for (var k = 0; k < count; k++)
                    {
                        if (o is not null) os[k] = o[at + k];
                        if (g is not null) gs[k] = g[at + k];
                    }
                    Block(xs, ss, v, rows, cp, vc, o is null ? null : os, g is null ? null : gs, v);
                    for (var u = 0; u < rows; u++)
                    {
                        for (var k = 0; k < count; k++)
                        {
                            x[u * ld + at + k] = xs[u * v + k];
                            s[u * ld + at + k] = ss[u * v + k];
                        }
                    }
                    if (o is not null)
                    {
                        for (var k = 0; k < count; k++) o[at + k] = os[k];
                    }
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(scratch);
            }
        }

        // One example's rows over w items (w a multiple of the vector width): x, s rows with stride ld.
        private void Block(T* x, T* s, long ld, int rows, T* counts, T vc, T* o, T* g, int w)
        {
            var v = Vector256<T>.Count;
            var target = stackalloc T[InnerItems]; // T = sum_u beta_u S_u, per item
            if (pass == TargetScorePass.Backward)
            {
                for (var j = 0; j < w; j += v) Vector256.Store(Vector256<T>.Zero, target + j);
                for (var u = 0; u < rows; u++)
                {
                    T* xr = x + u * ld, sr = s + u * ld;
                    for (var j = 0; j < w; j += v)
                        Vector256.Store(Vector256.Load(target + j) + Vector256.Load(xr + j) * Vector256.Load(sr + j), target + j);
                }
                Gradients(x, s, ld, rows, g, target, w);
                return;
            }

            // Forward: m = max over the rows (and 0 with virtual positions), e_u = c_u exp(X - m), z, sum e_u S_u.
            var max = stackalloc T[InnerItems];
            var z = stackalloc T[InnerItems];
            var init = Vector256.Create(vc > T.Zero ? T.Zero : T.NegativeInfinity);
            for (var j = 0; j < w; j += v) Vector256.Store(init, max + j);
            for (var u = 0; u < rows; u++)
            {
                var xr = x + u * ld;
                for (var j = 0; j < w; j += v) Vector256.Store(Vector256.Max(Vector256.Load(max + j), Vector256.Load(xr + j)), max + j);
            }
            var keep = pass != TargetScorePass.Scores;
            for (var j = 0; j < w; j += v)
            {
                Vector256.Store(Vector256<T>.Zero, z + j);
                Vector256.Store(Vector256<T>.Zero, target + j);
            }
            for (var u = 0; u < rows; u++)
            {
                T* xr = x + u * ld, sr = s + u * ld;
                var cu = Vector256.Create(counts[u]);
                for (var j = 0; j < w; j += v)
                {
                    var e = Exp(Vector256.Load(xr + j) - Vector256.Load(max + j));
                    if (weighted) e *= cu;
                    Vector256.Store(Vector256.Load(z + j) + e, z + j);
                    Vector256.Store(Vector256.Load(target + j) + e * Vector256.Load(sr + j), target + j);
                    if (keep) Vector256.Store(e, xr + j);
                }
            }
            var vcv = Vector256.Create(vc);
            for (var j = 0; j < w; j += v)
            {
                var zj = Vector256.Load(z + j);
                if (vc > T.Zero) zj += vcv * Exp(-Vector256.Load(max + j));
                var inverse = Vector256<T>.One / zj;
                Vector256.Store(inverse, z + j);
                var t = Vector256.Load(target + j) * inverse;
                Vector256.Store(t, target + j);
                if (o is not null) Vector256.Store(Vector256.Load(o + j) + t, o + j);
            }
            if (!keep) return;
            for (var u = 0; u < rows; u++)
            {
                var xr = x + u * ld;
                for (var j = 0; j < w; j += v) Vector256.Store(Vector256.Load(xr + j) * Vector256.Load(z + j), xr + j);
            }
            if (pass == TargetScorePass.RecomputeBackward) Gradients(x, s, ld, rows, g, target, w);
        }

        // x rows hold beta, s rows S: x := beta (S - T) g, s := beta g.
        private static void Gradients(T* x, T* s, long ld, int rows, T* g, T* target, int w)
        {
            var v = Vector256<T>.Count;
            for (var u = 0; u < rows; u++)
            {
                T* xr = x + u * ld, sr = s + u * ld;
                for (var j = 0; j < w; j += v)
                {
                    var bg = Vector256.Load(xr + j) * Vector256.Load(g + j);
                    Vector256.Store(bg * (Vector256.Load(sr + j) - Vector256.Load(target + j)), xr + j);
                    Vector256.Store(bg, sr + j);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<T> Exp(Vector256<T> value)
        {
            if (typeof(T) == typeof(float)) return Vector256.Exp(value.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double)) return Vector256.Exp(value.AsDouble()).As<double, T>();
            throw new NotSupportedException($"The CPU scorer kernel supports float32 and float64, not {typeof(T).Name}.");
        }
    }
}
