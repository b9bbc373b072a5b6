using Tagnn.Graphs;
using Tagnn.Evaluation;
using Tagnn.Model;
using static TorchSharp.torch;

namespace Tagnn.Course;

/// <summary>
/// Measures whether a model's target attention follows known item groups (the bundled sample's planted topics): for
/// a candidate v_t of topic c and a session with clicks in several topics, the share of beta (Eq. 6) on the clicks of
/// topic c, compared with chance, the share of the session's clicks in topic c.
/// </summary>
/// <remarks>
/// The share is taken over the clicks only: in the reference formulation part of beta sits on padding positions
/// (its softmax runs over the dataset-wide padding), and that part says nothing about topics. Pairs whose share
/// cannot differ from chance are left out and counted: the candidate's topic absent from the session (share and
/// chance both 0) or the whole session in it (both 1). Repeated clicks count once per position, in the share and in
/// chance alike.
/// </remarks>
public static class TopicAttention
{
    /// <summary>
    /// The share of <paramref name="weights"/> on clicks of <paramref name="topic"/> and the chance share; null when
    /// the two cannot differ (no click, or every click, in the topic) or the clicks carry no weight at all.
    /// </summary>
    /// <param name="clickTopics">The topic of each click, oldest first.</param>
    /// <param name="weights">The attention weight of each click (same order; padding positions excluded).</param>
    /// <param name="topic">The candidate's topic.</param>
    /// <exception cref="ArgumentException">The two lists differ in length, or a weight is negative or not finite.</exception>
    public static (double Share, double Chance)? OwnTopicShare(IReadOnlyList<int> clickTopics, IReadOnlyList<double> weights, int topic)
    {
        ArgumentNullException.ThrowIfNull(clickTopics);
        ArgumentNullException.ThrowIfNull(weights);
        if (clickTopics.Count != weights.Count)
            throw new ArgumentException($"{clickTopics.Count} click topics but {weights.Count} weights.", nameof(weights));
        double own = 0, total = 0;
        var inTopic = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var w = weights[i];
            if (!(w >= 0) || double.IsInfinity(w)) throw new ArgumentException($"Weight {i} is {w}; attention weights are finite and non-negative.", nameof(weights));
            total += w;
            if (clickTopics[i] != topic) continue;
            own += w;
            inTopic++;
        }
        if (inTopic == 0 || inTopic == clickTopics.Count || total <= 0) return null;
        return (own / total, inTopic / (double)clickTopics.Count);
    }

    /// <summary>
    /// Runs <paramref name="model"/> on each session, takes its top-<paramref name="k"/> items as candidates (or the
    /// given <paramref name="candidates"/>) and measures, for each, the share of its target attention on clicks of its
    /// own topic (see <see cref="OwnTopicShare"/>).
    /// </summary>
    /// <param name="model">A model with target attention (put in evaluation mode for the measurement).</param>
    /// <param name="sessions">Each session's clicks (ids 1..N, oldest first) and its next click (0 if unknown).</param>
    /// <param name="topicByItem">Element i is the topic of item i (e.g. <c>SampleData.TopicByItemId()</c>).</param>
    /// <param name="k">Candidates per session: the model's k best-scored items (ties to the lower id).</param>
    /// <param name="padLength">The dataset-wide padding length the reference formulation reproduces (the test set's
    /// longest prefix, as in evaluation); sessions longer than it are padded to their own length.</param>
    /// <param name="batchSize">Sessions per forward pass.</param>
    /// <param name="candidates">The candidates of each session (one list per session, e.g. another model's
    /// <see cref="TopicAttentionResult.CandidateLists"/>, so that two models are measured on the SAME pairs); null: the
    /// model's own top <paramref name="k"/>. A point's rank is then the position in the given list.</param>
    /// <exception cref="InvalidOperationException">The model has no target attention.</exception>
    /// <exception cref="ArgumentException">The candidate lists do not match the sessions, or name an item the model does
    /// not score.</exception>
    public static TopicAttentionResult Measure(SessionModel model, IReadOnlyList<(int[] Clicks, int Target)> sessions,
        IReadOnlyList<int> topicByItem, int k = 10, int padLength = 1, int batchSize = 100,
        IReadOnlyList<IReadOnlyList<int>>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(topicByItem);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (model.TargetAttention is null) throw new InvalidOperationException("This model has no target attention (SR-GNN?): there is no beta to measure.");
        if (topicByItem.Count <= model.ItemCount)
            throw new ArgumentException($"topicByItem has {topicByItem.Count} entries; the model scores items 1..{model.ItemCount}.", nameof(topicByItem));
        k = Math.Min(k, model.ItemCount);
        if (candidates is not null)
        {
            if (candidates.Count != sessions.Count)
                throw new ArgumentException($"{candidates.Count} candidate lists for {sessions.Count} sessions.", nameof(candidates));
            foreach (var item in candidates.SelectMany(c => c))
            {
                if (item < 1 || item > model.ItemCount)
                    throw new ArgumentException($"Candidate {item} is not an item id in 1..{model.ItemCount}.", nameof(candidates));
            }
        }

        var points = new List<TopicAttentionPoint>();
        var lists = new List<int[]>(sessions.Count);
        int counted = 0, absent = 0, all = 0;
        double padding = 0;
        var wasTraining = model.training;
        model.eval();
        try
        {
            for (var start = 0; start < sessions.Count; start += batchSize)
            {
                var chunk = Enumerable.Range(start, Math.Min(batchSize, sessions.Count - start)).Select(i => sessions[i]).ToList();
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var pad = Math.Max(padLength, chunk.Max(s => s.Clicks.Length));
                using var batch = SessionBatch.FromSessions([.. chunk.Select(s => (IReadOnlyList<int>)s.Clicks)], pad, PaddingPolicy.Batch, model.Device);
                var encoding = model.Encode(batch);
                int[][] top = candidates is null
                    ? RankingMetrics.TopK(model.Score(encoding), k)                                         // B lists of k ids
                    : [.. Enumerable.Range(start, chunk.Count).Select(i => candidates[i].ToArray())];
                lists.AddRange(top);
                // Lists of unequal length are padded with their first item for the one tensor call; the extra
                // rows are not read.
                var width = top.Max(row => row.Length);
                if (width == 0) continue;
                var ids = tensor(top.SelectMany(row => row.Concat(Enumerable.Repeat(row.Length > 0 ? row[0] : 1, width - row.Length)).Select(i => (long)i)).ToArray(),
                    device: model.Device).view(chunk.Count, width);
                var beta = model.TargetAttentionWeights(encoding, ids).to_type(ScalarType.Float64).cpu();   // (B, width, L)
                var alpha = encoding.Alpha?.to_type(ScalarType.Float64).cpu();                             // (B, L)
                var length = (int)beta.shape[2];
                var betaValues = beta.data<double>().ToArray();
                var alphaValues = alpha?.data<double>().ToArray();
                for (var b = 0; b < chunk.Count; b++)
                {
                    var (clicks, target) = chunk[b];
                    var clickTopics = clicks.Select(v => topicByItem[v]).ToArray();
                    IReadOnlyList<double>? alphaRow = alphaValues is null ? null : (IReadOnlyList<double>)new ArraySegment<double>(alphaValues, b * length, clicks.Length);
                    for (var r = 0; r < top[b].Length; r++)
                    {
                        counted++;
                        var item = top[b][r];
                        var topic = topicByItem[item];
                        var row = new ArraySegment<double>(betaValues, (b * width + r) * length, clicks.Length);
                        padding += Math.Max(0, 1 - row.Sum());
                        if (OwnTopicShare(clickTopics, row, topic) is not { } measured)
                        {
                            if (clickTopics.Contains(topic)) all++;
                            else absent++;
                            continue;
                        }
                        double? global = alphaRow is null ? null : GlobalShare(clickTopics, alphaRow, topic);
                        points.Add(new TopicAttentionPoint(start + b, r + 1, item, topic, measured.Share, measured.Chance, global,
                            clickTopics[^1] == topic, item == target));
                    }
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return new TopicAttentionResult(points, sessions.Count, counted, absent, all)
        {
            CandidateLists = lists,
            MeanPaddingShare = counted == 0 ? 0 : padding / counted,
        };
    }

    /// <summary>
    /// One session per test session of <paramref name="dataset"/>: its longest prefix (every click but the last) and
    /// the click that followed, in dataset order.
    /// </summary>
    /// <param name="dataset">An augmented dataset in the reference order (longest prefix first).</param>
    /// <param name="minClicks">Leave out prefixes shorter than this.</param>
    /// <param name="max">At most this many sessions (the first ones).</param>
    public static IReadOnlyList<(int[] Clicks, int Target)> LongestPrefixes(Tagnn.Data.SessionDataset dataset, int minClicks = 2, int? max = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var result = dataset.SessionStarts().Where(i => dataset.PrefixLength(i) >= minClicks)
            .Select(i => (dataset[i].Prefix, dataset[i].Target));
        return (max is { } m ? result.Take(m) : result).ToList();
    }

    // Alpha in the reference formulation may be negative only when the readout has no softmax (SR-GNN); there a share
    // means nothing, so it is left out.
    private static double? GlobalShare(int[] clickTopics, IReadOnlyList<double> alpha, int topic) =>
        alpha.Any(a => !(a >= 0) || double.IsInfinity(a)) ? null : OwnTopicShare(clickTopics, alpha, topic)?.Share;
}
