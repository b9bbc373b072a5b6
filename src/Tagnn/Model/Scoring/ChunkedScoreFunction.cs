using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>The generic path's custom autograd function: inputs states (B, L, d), candidates (N, d), the parameters,
/// then the call; the forward pass keeps nothing of the chunks, the backward pass recomputes them.</summary>
internal sealed class ChunkedScoreFunction : autograd.SingleTensorFunction<ChunkedScoreFunction>
{
    /// <inheritdoc />
    public override string Name => nameof(ChunkedScoreFunction);

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var call = (ChunkedScoreCall)vars[^1];
        var tensors = vars.Take(vars.Length - 1).Cast<Tensor>().ToList();
        var scores = call.Forward(call.Saved(tensors), tensors[0], tensors[1]);
        ctx.save_for_backward(tensors);
        ctx.save_data("call", call);
        return scores;
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        // Called from libtorch's native autograd engine: an exception must not escape (it cannot cross native frames).
        var call = (ChunkedScoreCall)ctx.get_data("call");
        try
        {
            using var scope = NewDisposeScope();
            var saved = ctx.get_saved_variables();
            var (dStates, dCandidates, dParameters) = call.Backward(grad_output, call.Saved(saved), saved[0], saved[1],
                saved.Skip(call.PositionInputs).ToList());
            call.Scorer.CountBackward();
            List<Tensor> result = [dStates.MoveToOuterDisposeScope(), dCandidates.MoveToOuterDisposeScope()];
            for (var i = 2; i < call.PositionInputs; i++) result.Add(null!);                   // mask, attend, lengths, counts
            foreach (var d in dParameters) result.Add(d?.MoveToOuterDisposeScope()!);
            result.Add(null!);
            return result;
        }
        catch (Exception e)
        {
            call.Scorer.BackwardFailed(e);
            return [.. Enumerable.Repeat<Tensor>(null!, call.PositionInputs + call.ParameterCount + 1)];
        }
    }
}
