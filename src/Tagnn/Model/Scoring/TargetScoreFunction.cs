using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Scoring;

/// <summary>The scorer's custom autograd function: inputs kv (2U, d), session (B, d), candidates (N, d) and the call.</summary>
internal sealed class TargetScoreFunction : autograd.SingleTensorFunction<TargetScoreFunction>
{
    /// <inheritdoc />
    public override string Name => nameof(TargetScoreFunction);

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (kv, session, candidates, call) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (FusedScoreCall)vars[3]);
        var scores = call.Forward(kv, session, candidates);
        var saved = new List<Tensor> { kv, session, candidates };
        if (call.Kept is not null) saved.Add(call.Kept);
        ctx.save_for_backward(saved);
        ctx.save_data("call", call);
        return scores;
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        // Called from libtorch's native autograd engine: an exception must not escape (it cannot cross native frames).
        var call = (FusedScoreCall)ctx.get_data("call");
        try
        {
            using var scope = NewDisposeScope();
            var saved = ctx.get_saved_variables();
            var (dKv, dSession, dCandidates) = call.Backward(grad_output, saved[0], saved[1], saved[2], saved.Count > 3 ? saved[3] : null);
            dKv?.MoveToOuterDisposeScope();
            dSession?.MoveToOuterDisposeScope();
            dCandidates?.MoveToOuterDisposeScope();
            return [dKv!, dSession!, dCandidates!, null!];
        }
        catch (Exception e)
        {
            call.Scorer.BackwardFailed(e);
            return [null!, null!, null!, null!];
        }
    }
}
