using Tagnn.Model.Parts;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>One forward pass of <see cref="ChunkedTargetScorer"/>: what its backward pass needs to recompute the
/// chunks.</summary>
internal sealed class ChunkedScoreCall(ChunkedTargetScorer scorer, ITargetAttention attention, ISessionCombiner combiner,
    TargetAttentionInput input, int parameterCount)
{
    public ChunkedTargetScorer Scorer { get; } = scorer;

    public int ParameterCount { get; } = parameterCount;

    /// <summary>Tensor inputs of the function before the parameters: states, candidates, mask, attend, lengths and
    /// the virtual counts when there are any.</summary>
    public int PositionInputs { get; } = input.VirtualCount is null ? 5 : 6;

    /// <summary>The positions as saved by the function (the originals may be disposed by the time of the backward pass).</summary>
    public TargetAttentionInput Saved(IReadOnlyList<Tensor> saved) =>
        new(saved[0], saved[2], saved[3], PositionInputs == 6 ? saved[5] : null, saved[4]);

    /// <summary>The target part of the scores (B, N), chunk by chunk (autograd as the caller has it).</summary>
    public Tensor Forward(Tensor states, Tensor candidates) => Forward(input, states, candidates);

    /// <summary>The same with the positions given.</summary>
    public Tensor Forward(TargetAttentionInput positions, Tensor states, Tensor candidates)
    {
        using var scope = NewDisposeScope();
        var n = candidates.shape[0];
        var size = Scorer.ChunkSize(states.shape[0], states.shape[2], n, states.dtype);
        var pieces = new List<Tensor>();
        for (long start = 0; start < n; start += size)
        {
            var count = Math.Min(size, n - start);
            pieces.Add(Chunk(positions, states, candidates.narrow(0, start, count)));      // (B, C)
        }
        return (pieces.Count == 1 ? pieces[0] : cat(pieces, 1)).MoveToOuterDisposeScope();   // (B, N)
    }

    /// <summary>Recomputes each chunk with autograd and returns the gradients of the states (B, L, d), the candidates
    /// (N, d) and each parameter (null where unused).</summary>
    public (Tensor States, Tensor Candidates, Tensor?[] Parameters) Backward(Tensor gradient, TargetAttentionInput positions,
        Tensor states, Tensor candidates, IReadOnlyList<Tensor> parameters)
    {
        using var scope = NewDisposeScope();
        var n = candidates.shape[0];
        var size = Scorer.ChunkSize(states.shape[0], states.shape[2], n, states.dtype);
        var dStates = zeros_like(states);
        var dCandidates = zeros_like(candidates);
        var dParameters = new Tensor?[parameters.Count];
        using (enable_grad())
        {
            var leafStates = states.detach().requires_grad_(true);
            for (long start = 0; start < n; start += size)
            {
                using var chunkScope = NewDisposeScope();
                var count = Math.Min(size, n - start);
                var leafCandidates = candidates.narrow(0, start, count).detach().requires_grad_(true);
                var z = Chunk(positions, leafStates, leafCandidates);                          // (B, C)
                IList<Tensor> inputs = [leafStates, leafCandidates, .. parameters];
                var grads = autograd.grad([z], inputs, [gradient.narrow(1, start, count)], allow_unused: true);
                if (grads[0] is { } gs && !gs.IsInvalid) dStates.add_(gs);
                if (grads[1] is { } gc && !gc.IsInvalid) dCandidates.narrow(0, start, count).add_(gc);
                for (var p = 0; p < parameters.Count; p++)
                {
                    if (grads[2 + p] is not { } gp || gp.IsInvalid) continue;
                    if (dParameters[p] is null) dParameters[p] = gp.detach().clone().MoveToOuterDisposeScope();
                    else dParameters[p]!.add_(gp);
                }
            }
        }
        foreach (var d in dParameters) d?.MoveToOuterDisposeScope();
        return (dStates.MoveToOuterDisposeScope(), dCandidates.MoveToOuterDisposeScope(), dParameters);
    }

    // z[b, t] = v_t . TargetValues(s_target^t[b]) for the chunk's candidates.
    private Tensor Chunk(TargetAttentionInput positions, Tensor states, Tensor chunk)
    {
        using var scope = NewDisposeScope();
        var target = attention.TargetVectors(positions with { States = states }, chunk);                            // (B, C, d)  s_target^t
        var values = combiner.TargetValues(target);                                         // (B, C, d)  its share of s_t
        return (values * chunk.unsqueeze(0)).sum(2).MoveToOuterDisposeScope();              // (B, C)     v_t . (...)
    }
}
