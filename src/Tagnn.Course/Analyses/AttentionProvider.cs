using Tagnn.Evaluation;
using Tagnn.Graphs;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Course;

/// <summary>
/// A model's attention over a session's clicks, for the side-by-side mode of the attention explorer
/// (<see cref="AttentionExplorer"/>): TAGNN's target attention beta (one row per candidate), SR-GNN's global
/// attention alpha (one row for every candidate), and any other model that weighs the clicks. A provider is a name, a
/// one-line description and a function of (clicks, candidates, next click); <see cref="SessionLevel"/> makes one from
/// any <see cref="SessionRecommender"/> and a function that reads its (B, L) attention from a batch, so adding a model
/// (NARM's or STAMP's attention, for instance) is one line.
/// </summary>
public sealed class AttentionProvider
{
    private readonly Func<IReadOnlyList<int>, IReadOnlyList<int>, int, AttentionMap> attend;

    /// <summary>A provider from its parts.</summary>
    /// <param name="name">Short name for panel titles, e.g. <c>SR-GNN</c>.</param>
    /// <param name="description">What the weights are, e.g. <c>global attention α (Eq. 8 as printed, no softmax)</c>.</param>
    /// <param name="attend">(clicks ids 1..N oldest first, candidate ids, next click or 0) to the map.</param>
    public AttentionProvider(string name, string description, Func<IReadOnlyList<int>, IReadOnlyList<int>, int, AttentionMap> attend)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Description = description ?? throw new ArgumentNullException(nameof(description));
        this.attend = attend ?? throw new ArgumentNullException(nameof(attend));
    }

    /// <summary>Short name, e.g. <c>SR-GNN</c>.</summary>
    public string Name { get; }

    /// <summary>What the weights are.</summary>
    public string Description { get; }

    /// <summary>The attention of the model on <paramref name="clicks"/> for <paramref name="candidates"/>.</summary>
    /// <param name="clicks">Item ids 1..N, oldest first.</param>
    /// <param name="candidates">Candidate item ids (the explorer passes TAGNN's top-k).</param>
    /// <param name="target">The session's next click, or 0 if unknown (for the model's rank of it).</param>
    /// <exception cref="InvalidOperationException">The map does not fit the session or the candidates.</exception>
    public AttentionMap Attend(IReadOnlyList<int> clicks, IReadOnlyList<int> candidates, int target)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(candidates);
        var map = attend(clicks, candidates, target);
        var rows = map.PerCandidate ? candidates.Count : 1;
        if (map.Weights.GetLength(0) != rows || map.Weights.GetLength(1) != clicks.Count || map.Scores.Length != candidates.Count)
        {
            throw new InvalidOperationException(
                $"{Name}: the attention map is {map.Weights.GetLength(0)} x {map.Weights.GetLength(1)} with {map.Scores.Length} scores; " +
                $"expected {rows} x {clicks.Count} with {candidates.Count}.");
        }
        return map;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Description}";

    /// <summary>TAGNN's target attention beta (Eq. 6) of each candidate over the clicks (padding positions left out;
    /// in the reference formulation a row then sums to less than 1).</summary>
    /// <param name="recommender">A recommender whose model has target attention.</param>
    /// <param name="name">Panel name (default <c>TAGNN</c>).</param>
    /// <exception cref="InvalidOperationException">The model has no target attention.</exception>
    public static AttentionProvider TargetAttention(Recommender recommender, string name = "TAGNN")
    {
        ArgumentNullException.ThrowIfNull(recommender);
        var model = recommender.SessionModel;
        if (model.TargetAttention is null) throw new InvalidOperationException("This model has no target attention (SR-GNN, or TAGNN with it off).");
        return new AttentionProvider(name, "target attention β (Eq. 6): one row per candidate", (clicks, candidates, target) =>
        {
            var pad = Math.Max(recommender.PadLength, clicks.Count);
            var attention = SessionAttention.Compute(model, clicks, candidates, pad);
            return new AttentionMap(attention.Beta, true, true, attention.Scores, RankOf(model, clicks, target, pad));
        });
    }

    /// <summary>
    /// The global attention alpha (Eq. 8) of a TAGNN or SR-GNN readout: one weight per click, the same for every
    /// candidate. SR-GNN's has no softmax (the weights are raw and may be negative), TAGNN's code adds one.
    /// </summary>
    /// <param name="recommender">A recommender whose model is a <see cref="SessionModel"/> with an attentive readout.</param>
    /// <param name="name">Panel name (default: the model's name, <c>SR-GNN</c> or <c>TAGNN</c>).</param>
    /// <exception cref="InvalidOperationException">The readout has no attention (local or average readout).</exception>
    public static AttentionProvider GlobalAttention(Recommender recommender, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        var model = recommender.SessionModel;
        if (model.Readout is not AttentiveReadout) throw new InvalidOperationException("This model's readout has no global attention.");
        var softmax = model.Config.GlobalSoftmax;
        var description = softmax
            ? "global attention α (Eq. 8 with the code's softmax)"
            : "global attention α (Eq. 8 as printed, no softmax)";
        return SessionLevel(name ?? model.Config.Name, description, model, recommender.PadLength,
            (m, batch) => ((SessionModel)m).Encode(batch).Alpha!, softmax);
    }

    /// <summary>
    /// A provider for any model whose attention over the clicks does not depend on the candidate: one line per model,
    /// e.g. <c>AttentionProvider.SessionLevel("NARM", "attention α of NARM's encoder", narm, padLength, (m, b) =&gt; ((Narm)m).Encode(b).Alpha)</c>.
    /// </summary>
    /// <param name="name">Panel name.</param>
    /// <param name="description">What the weights are.</param>
    /// <param name="model">The model (its scores rank the next click and score the candidates).</param>
    /// <param name="padLength">Padding length of the one-session batch (at least the session's length is used).</param>
    /// <param name="attention">Reads the (1, L) attention from a one-session batch, position i = click i (oldest first);
    /// positions past the session's clicks are ignored.</param>
    /// <param name="isDistribution">Whether the weights come out of a softmax.</param>
    public static AttentionProvider SessionLevel(string name, string description, SessionRecommender model, int padLength,
        Func<SessionRecommender, SessionBatch, Tensor> attention, bool isDistribution = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(attention);
        return new AttentionProvider(name, description, (clicks, candidates, target) =>
        {
            var pad = Math.Max(padLength, clicks.Count);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var wasTraining = model.training;
            model.eval();
            try
            {
                using var batch = SessionBatch.FromSessions([clicks], pad, PaddingPolicy.Batch, model.Device);
                var weights = attention(model, batch);                                                  // (1, L)
                if (weights.dim() != 2 || weights.shape[0] != 1 || weights.shape[1] < clicks.Count)
                    throw new InvalidOperationException($"{name}: the attention has shape ({string.Join(", ", weights.shape)}); expected (1, L >= {clicks.Count}).");
                var row = TensorArrays.ToVector(weights[0].narrow(0, 0, clicks.Count));
                var matrix = new double[1, clicks.Count];
                for (var i = 0; i < row.Length; i++) matrix[0, i] = row[i];
                var scores = model.forward(batch);                                                       // (1, N)
                var ids = tensor(candidates.Select(c => (long)c - 1).ToArray(), device: scores.device);
                return new AttentionMap(matrix, false, isDistribution, TensorArrays.ToVector(scores[0].index_select(0, ids)),
                    target > 0 ? Rank(scores, target) : 0);
            }
            finally
            {
                model.train(wasTraining);
            }
        });
    }

    /// <summary>The rank (1 = best, ties to the lower id) of <paramref name="target"/> among all items for the
    /// session <paramref name="clicks"/>, or 0 when <paramref name="target"/> is 0.</summary>
    internal static int RankOf(SessionRecommender model, IReadOnlyList<int> clicks, int target, int padLength)
    {
        if (target <= 0) return 0;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var batch = SessionBatch.FromSessions([clicks], Math.Max(padLength, clicks.Count), PaddingPolicy.Batch, model.Device);
            return Rank(model.forward(batch), target);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static int Rank(Tensor scores, int target) =>
        (int)RankingMetrics.Ranks(scores, tensor(new long[] { target }, device: scores.device)).cpu().item<long>();
}
