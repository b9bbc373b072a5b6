using Tagnn.Data;
using Tagnn.Graphs;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Evaluation;

/// <summary>
/// Recommends the next items for a session of ORIGINAL item ids (as in the click log) with any trained
/// <see cref="SessionRecommender"/>, and, for TAGNN, explains each one with its target attention: the clicks whose
/// beta is largest for that item (SR-GNN: the global attention alpha; other models: no explanation).
/// </summary>
public sealed class Recommender
{
    /// <summary>Creates a recommender.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="items">Its item map (ids 1..n and original ids).</param>
    /// <param name="padLength">The dataset-wide padding length whose semantics the reference formulation reproduces
    /// (use the test set's, as evaluation does); sessions longer than it are padded to their own length.</param>
    public Recommender(SessionRecommender model, ItemCatalog items, int padLength)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(padLength, 1);
        if (items.Count != model.ItemCount)
            throw new ArgumentException($"The catalog has {items.Count} items, the model scores {model.ItemCount}.", nameof(items));
        Model = model;
        Items = items;
        PadLength = padLength;
    }

    /// <summary>The model.</summary>
    public SessionRecommender Model { get; }

    /// <summary>The model as a <see cref="Tagnn.Model.SessionModel"/> (TAGNN, SR-GNN), whose attention explains the
    /// recommendations.</summary>
    /// <exception cref="InvalidOperationException">The model is another kind of recommender.</exception>
    public SessionModel SessionModel => Model as SessionModel ?? throw new InvalidOperationException(
        $"The model is {Model.Spec.Name}, not TAGNN or SR-GNN: it has no attention weights to explain its recommendations with.");

    /// <summary>The item map.</summary>
    public ItemCatalog Items { get; }

    /// <summary>The padding length used for the reference formulation's softmaxes.</summary>
    public int PadLength { get; }

    /// <summary>Splits a session written as ids separated by spaces or commas.</summary>
    public static IReadOnlyList<string> ParseSession(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The top <paramref name="k"/> items for a session, each with its explanation.</summary>
    /// <param name="originalIds">The session's clicks, oldest first, as original item ids. Unknown ids are dropped
    /// (and listed in <see cref="Recommendation.UnknownIds"/>).</param>
    /// <param name="k">How many items.</param>
    /// <param name="excludeClicked">Leave out items the session already clicked (the evaluation does not).</param>
    /// <exception cref="ArgumentException">The session is empty, or none of its ids is known.</exception>
    public Recommendation Recommend(IEnumerable<string> originalIds, int k = 10, bool excludeClicked = false)
    {
        ArgumentNullException.ThrowIfNull(originalIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var (clicks, unknown) = Resolve(originalIds);
        k = Math.Min(k, Model.ItemCount);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var wasTraining = Model.training;
        Model.eval();
        try
        {
            using var batch = SessionBatch.FromSessions([clicks.Select(c => c.ItemId).ToArray()],
                Math.Max(PadLength, clicks.Count), PaddingPolicy.Batch, Model.Device);
            var session = Model as SessionModel;
            var encoding = session?.Encode(batch);
            var scores = encoding is not null ? session!.Score(encoding) : Model.forward(batch);  // (1, N)
            if (excludeClicked)
            {
                var clicked = tensor(clicks.Select(c => (long)c.ItemId - 1).Distinct().ToArray(), device: scores.device);
                scores = scores.index_fill(1, clicked, float.NegativeInfinity);
            }
            var top = RankingMetrics.TopK(scores, k)[0];                                    // item ids, best first
            var topScores = scores[0].cpu().data<float>().ToArray();

            IReadOnlyList<ClickWeight>? global = null;
            if (encoding?.Alpha is not null) global = Ordered(clicks, Row(encoding.Alpha[0], clicks.Count));

            double[][]? beta = null;
            if (encoding?.Keys is not null)
            {
                var candidates = tensor(top.Select(i => (long)i).ToArray(), device: Model.Device).unsqueeze(0); // (1, K)
                var weights = session!.TargetAttentionWeights(encoding, candidates)[0];     // (K, L)
                beta = [.. Enumerable.Range(0, top.Length).Select(r => Row(weights[r], clicks.Count))];
            }

            var items = top.Select((item, r) => new RecommendedItem(r + 1, item, Items.OriginalId(item), topScores[item - 1],
                beta is null ? [] : Ordered(clicks, beta[r]),
                beta is null ? 0 : Math.Max(0, 1 - beta[r].Sum()))).ToList();
            var kind = beta is not null ? ExplanationKind.TargetAttention
                : global is not null ? ExplanationKind.GlobalAttention
                : ExplanationKind.None;
            return new Recommendation(clicks, unknown, items, kind, global, Note(kind));
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    // The session's clicks with the model's item ids, and the ids the model does not know.
    private (List<SessionClick> Clicks, List<string> Unknown) Resolve(IEnumerable<string> originalIds)
    {
        var request = originalIds.ToList();
        if (request.Count == 0) throw new ArgumentException("The session is empty: give at least one item id.", nameof(originalIds));
        var unknown = new List<string>();
        var clicks = new List<SessionClick>();
        foreach (var id in request)
        {
            if (Items.IdOf(id) is { } item) clicks.Add(new SessionClick(clicks.Count, item, id));
            else unknown.Add(id);
        }
        if (clicks.Count == 0)
            throw new ArgumentException($"None of the session's item ids is known to the model ({string.Join(", ", unknown)}); " +
                $"ids are the click log's, and only the {Items.Count} items kept by the preprocessing are known.", nameof(originalIds));
        return (clicks, unknown);
    }

    private string Note(ExplanationKind kind)
    {
        if (Model is not SessionModel session)
            return $"{Model.Spec.Name} is not TAGNN or SR-GNN: there are no attention weights to show.";
        var config = session.Config;
        return kind switch
        {
            ExplanationKind.TargetAttention => "Target attention (Eq. 6): for each recommended item, how much each click counts "
                + "when the model scores that item; the clicks are listed by decreasing weight."
                + (config.Formulation == Formulation.Reference
                    ? $" Reference formulation: the softmax also runs over the padding up to length {PadLength}, as the authors' code does, so the click weights sum to less than 1."
                    : ""),
            ExplanationKind.GlobalAttention when session.HasTargetAttention => $"{Model.Spec.Name}'s target attention is not of the paper's keyed form, so it has no beta to show; "
                + "shown instead: the global attention alpha (Eq. 8) on each click, the same for every item.",
            ExplanationKind.GlobalAttention => $"{(config.Kind == ModelKind.SrGnn ? "SR-GNN" : "This model")} has no target attention, "
                + "so there is no per-item explanation; shown instead: the global attention alpha (Eq. 8) on each click, the same for every item"
                + (config.GlobalSoftmax ? "." : " (no softmax in this model: the weights are not normalised and may be negative)."),
            _ => "This model has neither target attention nor an attentive readout: there is no attention to show.",
        };
    }

    private static double[] Row(Tensor row, int length) =>
        [.. row.narrow(0, 0, length).to_type(ScalarType.Float64).cpu().data<double>().ToArray()];

    private static IReadOnlyList<ClickWeight> Ordered(IReadOnlyList<SessionClick> clicks, double[] weights) =>
        [.. clicks.Select(c => new ClickWeight(c.Position, c.OriginalId, weights[c.Position]))
            .OrderByDescending(w => w.Weight).ThenByDescending(w => w.Position)];
}
