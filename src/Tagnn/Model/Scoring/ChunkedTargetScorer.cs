using Tagnn.Model.Parts;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>
/// The generic path of target attention: exact and memory-bounded for any <see cref="ITargetAttention"/>. For each
/// chunk of C candidates it computes the part's target vectors s_target^t (B, C, d), the combiner's linear map of them
/// and their inner products with v_t (Eq. 10 and Section 2.5), so the largest tensor is (B, C, d), never (B, N, d).
/// </summary>
/// <remarks>
/// <para>Training: the chunks run without autograd in the forward pass (nothing of them is kept); the backward pass
/// recomputes each chunk with autograd and takes its gradients with respect to the position states, the chunk's
/// candidates and the parameters of the target attention and the combiner (<c>torch.autograd.grad</c> inside a custom
/// function: gradient checkpointing per chunk). The cost is one more forward pass of the part per training step and
/// no parallelism across chunks; memory is O(B C d) plus the (B, N) scores. docs/VARIANTS.md gives the cost at
/// Diginetica scale and the benchmark command.</para>
/// <para>The part must be a pure function (the backward pass recomputes it) and must not read device memory on the
/// host. An error inside the backward pass cannot cross libtorch's native frames: that pass yields no gradients and
/// the next <see cref="Score"/> throws it.</para>
/// </remarks>
public sealed class ChunkedTargetScorer
{
    private Exception? backwardFailure;

    /// <summary>Creates the scorer.</summary>
    /// <param name="chunkItems">Candidates per chunk; null sizes chunks so that one (B, C, d) tensor takes about
    /// <paramref name="chunkBytes"/>.</param>
    /// <param name="chunkBytes">The size of one chunk's (B, C, d) tensor when <paramref name="chunkItems"/> is null
    /// (default 16 MiB; the part's own temporaries come on top, typically a few such tensors).</param>
    public ChunkedTargetScorer(int? chunkItems = null, long chunkBytes = 16L << 20)
    {
        if (chunkItems is < 1) throw new ArgumentOutOfRangeException(nameof(chunkItems), chunkItems, "At least one item per chunk.");
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        ChunkItems = chunkItems;
        ChunkBytes = chunkBytes;
    }

    /// <summary>Candidates per chunk, or null for <see cref="ChunkBytes"/>.</summary>
    public int? ChunkItems { get; }

    /// <summary>The target size of one (B, C, d) tensor when <see cref="ChunkItems"/> is null.</summary>
    public long ChunkBytes { get; }

    /// <summary>Forward passes since creation (a chunked pass over all candidates counts once).</summary>
    public long ForwardCalls { get; private set; }

    /// <summary>Backward passes since creation.</summary>
    public long BackwardCalls { get; private set; }

    /// <summary>Candidates per chunk for a batch of <paramref name="batchSize"/> sessions at hidden size
    /// <paramref name="hiddenSize"/> (at least 1, at most <paramref name="items"/>).</summary>
    public int ChunkSize(long batchSize, long hiddenSize, long items, ScalarType dtype = ScalarType.Float32)
    {
        if (ChunkItems is { } fixedSize) return (int)Math.Min(fixedSize, Math.Max(1, items));
        var bytesPerItem = Math.Max(1, batchSize * hiddenSize * ElementSize(dtype));
        return (int)Math.Clamp(ChunkBytes / bytesPerItem, 1, Math.Max(1, items));
    }

    /// <summary>
    /// The target part of the scores: z[b, t] = v_t . TargetValues(s_target^t[b]) for every candidate t (the model
    /// adds v_t . SessionVector).
    /// </summary>
    /// <param name="attention">The target attention.</param>
    /// <param name="combiner">The combiner (its <see cref="ISessionCombiner.TargetValues"/> must be linear).</param>
    /// <param name="input">The batch's positions.</param>
    /// <param name="candidates">v_t (N, d).</param>
    /// <param name="parameters">The parameters the part and the combiner's target map use (they get gradients).</param>
    /// <returns>(B, N).</returns>
    public Tensor Score(ITargetAttention attention, ISessionCombiner combiner, TargetAttentionInput input, Tensor candidates,
        IReadOnlyList<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(combiner);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(parameters);
        if (Interlocked.Exchange(ref backwardFailure, null) is { } failure)
            throw new InvalidOperationException($"The previous backward pass through the generic target-attention path failed (its gradients were not computed): {failure.Message}", failure);
        var call = new ChunkedScoreCall(this, attention, combiner, input, parameters.Count);
        ForwardCalls++;
        var needsGrad = is_grad_enabled() && (input.States.requires_grad || candidates.requires_grad || parameters.Any(p => p.requires_grad));
        if (!needsGrad)
        {
            using var noGrad = no_grad();
            return call.Forward(input.States, candidates);
        }
        // The small per-position tensors are inputs too, so the autograd node keeps them alive for the backward pass.
        List<object> args = [input.States, candidates, input.Mask, input.Attend, input.Lengths];
        if (input.VirtualCount is not null) args.Add(input.VirtualCount);
        args.AddRange(parameters);
        args.Add(call);
        return ChunkedScoreFunction.apply([.. args]);
    }

    internal void CountBackward() => BackwardCalls++;

    internal void BackwardFailed(Exception e)
    {
        backwardFailure = e;
        Console.Error.WriteLine($"ChunkedTargetScorer: the backward pass failed, no gradients were computed: {e.Message}");
    }

    private static long ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        _ => 4,
    };
}
