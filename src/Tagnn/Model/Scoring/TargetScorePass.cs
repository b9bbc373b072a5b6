namespace Tagnn.Model.Scoring;

/// <summary>What a kernel pass (<see cref="ScorerKernel"/>) does with a chunk of the (2U, n) product buffer: U logit
/// rows X then U value rows S (<see cref="TargetScorePlan"/>).</summary>
internal enum TargetScorePass
{
    /// <summary>Adds sum_u beta_u S_u to the scores; the buffer is left as it was (inference).</summary>
    Scores,

    /// <summary>Adds to the scores and overwrites the logit rows with beta (kept for the backward pass).</summary>
    Forward,

    /// <summary>From beta (logit rows) and S: logit rows := dL/dlogit, S rows := dL/dS.</summary>
    Backward,

    /// <summary>From the logits and S (a recomputed chunk): beta, then as <see cref="Backward"/>.</summary>
    RecomputeBackward,
}
