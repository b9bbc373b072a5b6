using Tagnn.Graphs;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Course;

/// <summary>
/// What a model's attention does on one session, as plain arrays for charts: the target-attention weights beta of
/// chosen candidates over the clicks (Eq. 6), the global attention weights alpha (Eq. 8) and the candidates' scores
/// (Section 2.5: z_t = v_t^T s_t).
/// </summary>
/// <param name="Clicks">The session's clicks, oldest first.</param>
/// <param name="Candidates">The candidate items explained.</param>
/// <param name="Beta">[k, i]: weight of click i for candidate k. In the reference formulation a row sums to less than 1:
/// the rest sits on the padding positions (see <see cref="PaddingShare"/>).</param>
/// <param name="Alpha">[i]: global attention weight of click i (0-padding excluded), or null when the model's readout
/// has no attention.</param>
/// <param name="Scores">[k]: candidate k's score (a logit; the softmax over all N items turns scores into
/// probabilities).</param>
public sealed record SessionAttention(IReadOnlyList<int> Clicks, IReadOnlyList<int> Candidates, double[,] Beta, double[]? Alpha, double[] Scores)
{
    /// <summary>The share of candidate <paramref name="k"/>'s target attention that falls on padding positions
    /// (0 when the softmax runs over the clicks only).</summary>
    public double PaddingShare(int k)
    {
        var sum = 0.0;
        for (var i = 0; i < Clicks.Count; i++) sum += Beta[k, i];
        return Math.Max(0, 1 - sum);
    }

    /// <summary>Runs <paramref name="model"/> on one session and reads out its attention for the given candidates.</summary>
    /// <param name="model">A model with target attention.</param>
    /// <param name="session">Clicks (item ids 1..N), oldest first.</param>
    /// <param name="candidates">Items (1..N) whose attention and scores to read.</param>
    /// <param name="padLength">The dataset-wide padding length whose semantics the reference formulation reproduces
    /// (e.g. <c>dataset.MaxPrefixLength</c>); at least the session's length. Other formulations ignore padding.</param>
    /// <exception cref="InvalidOperationException">The model has no target attention.</exception>
    public static SessionAttention Compute(SessionModel model, IReadOnlyList<int> session, IReadOnlyList<int> candidates, int padLength)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(candidates);
        if (model.TargetAttention is null) throw new InvalidOperationException("This model has no target attention (SR-GNN?).");
        if (candidates.Count == 0) throw new ArgumentException("At least one candidate is needed.", nameof(candidates));
        foreach (var c in candidates)
        {
            if (c < 1 || c > model.ItemCount) throw new ArgumentOutOfRangeException(nameof(candidates), $"Candidate {c} is not an item id in 1..{model.ItemCount}.");
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var batch = SessionBatch.FromSessions([session], padLength, PaddingPolicy.Batch, model.Device);
        var encoding = model.Encode(batch);
        var ids = tensor(candidates.Select(c => (long)c).ToArray(), device: model.Device);        // (K)
        var beta = model.TargetAttentionWeights(encoding, ids.view(1, -1))[0].narrow(1, 0, session.Count); // (K, m)
        var alpha = encoding.Alpha is null ? null : TensorArrays.ToVector(encoding.Alpha[0].narrow(0, 0, session.Count));
        var scores = TensorArrays.ToVector(model.Score(encoding)[0].index_select(0, ids - 1));          // (K)
        return new SessionAttention(session.ToArray(), candidates.ToArray(), TensorArrays.ToMatrix(beta), alpha, scores);
    }
}
