using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Course;
using static TorchSharp.torch;

namespace Tagnn.Tests.Notebooks;

public sealed class TopicAttentionTests
{
    [Fact]
    public void Own_topic_share_is_the_topics_part_of_the_click_mass_and_chance_its_share_of_clicks()
    {
        // Four clicks of topics 1, 2, 1, 3; 0.2 of the mass sits on padding (not passed in).
        int[] topics = [1, 2, 1, 3];
        double[] weights = [0.4, 0.1, 0.2, 0.1];

        var one = TopicAttention.OwnTopicShare(topics, weights, 1)!.Value;
        Assert.Equal(0.6 / 0.8, one.Share, 12);     // (0.4 + 0.2) / 0.8: padding left out
        Assert.Equal(0.5, one.Chance, 12);          // 2 of 4 clicks

        var three = TopicAttention.OwnTopicShare(topics, weights, 3)!.Value;
        Assert.Equal(0.1 / 0.8, three.Share, 12);
        Assert.Equal(0.25, three.Chance, 12);

        Assert.Null(TopicAttention.OwnTopicShare(topics, weights, 4));              // topic not in the session
        Assert.Null(TopicAttention.OwnTopicShare([5, 5], [0.3, 0.6], 5));          // session all in the topic
        Assert.Null(TopicAttention.OwnTopicShare([1, 2], [0.0, 0.0], 1));          // no mass on the clicks
        Assert.Throws<ArgumentException>(() => TopicAttention.OwnTopicShare([1, 2], [0.5], 1));
        Assert.Throws<ArgumentException>(() => TopicAttention.OwnTopicShare([1, 2], [0.5, -0.1], 1));
        Assert.Throws<ArgumentException>(() => TopicAttention.OwnTopicShare([1, 2], [0.5, double.NaN], 1));
    }

    [Fact]
    public void A_repeated_click_counts_once_per_position_in_share_and_chance()
    {
        var r = TopicAttention.OwnTopicShare([1, 1, 2], [0.25, 0.25, 0.5], 1)!.Value;
        Assert.Equal(0.5, r.Share, 12);
        Assert.Equal(2.0 / 3, r.Chance, 12);
    }

    [Fact]
    public void Summaries_average_the_points()
    {
        TopicAttentionPoint P(double share, double chance, double? global, bool last) => new(0, 1, 3, 1, share, chance, global, last, false);
        var s = TopicAttentionSummary.Of([P(0.8, 0.5, 0.6, true), P(0.2, 0.5, 0.4, false), P(0.5, 0.2, 0.1, false)]);
        Assert.Equal(3, s.Pairs);
        Assert.Equal(0.5, s.MeanShare, 12);
        Assert.Equal(0.4, s.MeanChance, 12);
        Assert.Equal(0.1, s.MeanLift, 12);
        Assert.Equal(2.0 / 3, s.AboveChance, 12);
        Assert.Equal(1.1 / 3, s.MeanGlobalShare!.Value, 12);
        Assert.Null(TopicAttentionSummary.Of([P(0.8, 0.5, null, true)]).MeanGlobalShare);
        Assert.Equal(0, TopicAttentionSummary.Of([]).Pairs);
        Assert.Equal(0.3, P(0.8, 0.5, null, true).Lift, 12);
    }

    [Fact]
    public void Measure_reads_each_top_candidates_beta_and_alpha_as_the_model_computes_them()
    {
        // 20 items in 4 topics of 5 (items 1-5: topic 1, ...); a reference TAGNN, so padding takes part of beta.
        var model = ModelFactory.Create(ModelConfig.ForTagnn(21) with { HiddenSize = 6 }, seed: 3);
        int[] topicByItem = [0, .. Enumerable.Range(0, 20).Select(i => i / 5 + 1)];
        (int[] Clicks, int Target)[] sessions = [([1, 6, 2, 7], 3), ([11, 12], 13), ([16, 2, 16, 9, 4], 17)];
        const int k = 6, padLength = 9;

        var result = TopicAttention.Measure(model, sessions, topicByItem, k, padLength, batchSize: 2);   // two batches
        Assert.Equal(3, result.Sessions);
        Assert.Equal(3 * k, result.Candidates);
        Assert.Equal(result.Candidates, result.Points.Count + result.TopicNotInSession + result.SessionAllInTopic);
        // Session 1 is all topic 3: its candidates of topic 3 say nothing (share = chance = 1), nor do the others (0).
        Assert.DoesNotContain(result.Points, p => p.Session == 1);
        Assert.Equal(Top(model, sessions[1].Clicks, k, padLength).Count(i => topicByItem[i] == 3), result.SessionAllInTopic);

        for (var s = 0; s < sessions.Length; s++)
        {
            var (clicks, target) = sessions[s];
            using var scope = NewDisposeScope();
            using var batch = SessionBatch.FromSessions([clicks], padLength);
            var top = RankingMetrics.TopK(model.forward(batch), k)[0];
            var view = SessionAttention.Compute(model, clicks, top, padLength);
            var clickTopics = clicks.Select(v => topicByItem[v]).ToArray();
            var points = result.Points.Where(p => p.Session == s).ToList();
            var expected = top.Select((item, r) => (item, r, m: TopicAttention.OwnTopicShare(clickTopics,
                Enumerable.Range(0, clicks.Length).Select(i => view.Beta[r, i]).ToArray(), topicByItem[item])))
                .Where(x => x.m is not null).ToList();
            Assert.Equal(expected.Select(x => x.item), points.Select(p => p.Candidate));
            foreach (var (x, p) in expected.Zip(points))
            {
                Assert.Equal(x.r + 1, p.Rank);
                Assert.Equal(topicByItem[x.item], p.Topic);
                Assert.Equal(x.m!.Value.Share, p.Share, 5);
                Assert.Equal(x.m!.Value.Chance, p.Chance, 12);
                Assert.Equal(clickTopics[^1] == p.Topic, p.LastClickTopic);
                Assert.Equal(x.item == target, p.IsTarget);
                Assert.Equal(TopicAttention.OwnTopicShare(clickTopics, view.Alpha!, p.Topic)!.Value.Share, p.GlobalShare!.Value, 5);
            }
        }
    }

    [Fact]
    public void Another_model_can_be_measured_on_the_same_candidates_and_the_padding_share_is_averaged()
    {
        var trained = ModelFactory.Create(ModelConfig.ForTagnn(21) with { HiddenSize = 6 }, seed: 3);
        var other = ModelFactory.Create(ModelConfig.ForTagnn(21) with { HiddenSize = 6 }, seed: 4);
        int[] topicByItem = [0, .. Enumerable.Range(0, 20).Select(i => i / 5 + 1)];
        (int[] Clicks, int Target)[] sessions = [([1, 6, 2, 7], 3), ([11, 12], 13), ([16, 2, 16, 9, 4], 17)];
        const int k = 5, padLength = 9;

        var first = TopicAttention.Measure(trained, sessions, topicByItem, k, padLength, batchSize: 2);
        Assert.Equal(sessions.Length, first.CandidateLists.Count);
        Assert.All(first.CandidateLists, list => Assert.Equal(k, list.Length));
        var same = TopicAttention.Measure(other, sessions, topicByItem, k, padLength, candidates: first.CandidateLists);
        var own = TopicAttention.Measure(other, sessions, topicByItem, k, padLength);
        Assert.NotEqual(first.CandidateLists, own.CandidateLists);                       // another model ranks other items
        Assert.Equal(first.CandidateLists, same.CandidateLists);
        // The same (session, candidate, rank) pairs, measured with the other model's beta.
        Assert.Equal(first.Points.Select(p => (p.Session, p.Candidate, p.Rank, p.Chance)), same.Points.Select(p => (p.Session, p.Candidate, p.Rank, p.Chance)));
        Assert.NotEqual(first.Points.Select(p => p.Share), same.Points.Select(p => p.Share));
        for (var s = 0; s < sessions.Length; s++)
        {
            var view = SessionAttention.Compute(other, sessions[s].Clicks, first.CandidateLists[s], padLength);
            foreach (var p in same.Points.Where(p => p.Session == s))
            {
                var row = Enumerable.Range(0, sessions[s].Clicks.Length).Select(i => view.Beta[p.Rank - 1, i]).ToArray();
                Assert.Equal(TopicAttention.OwnTopicShare(sessions[s].Clicks.Select(v => topicByItem[v]).ToArray(), row, p.Topic)!.Value.Share, p.Share, 5);
            }
        }

        // Reference formulation: part of beta sits on padding; the mean is over every candidate.
        var expected = Enumerable.Range(0, sessions.Length).SelectMany(s =>
        {
            var view = SessionAttention.Compute(trained, sessions[s].Clicks, first.CandidateLists[s], padLength);
            return Enumerable.Range(0, k).Select(view.PaddingShare);
        }).Average();
        Assert.InRange(first.MeanPaddingShare, 0.01, 0.99);
        Assert.Equal(expected, first.MeanPaddingShare, 5);

        Assert.Throws<ArgumentException>(() => TopicAttention.Measure(other, sessions, topicByItem, candidates: [[1]]));
        Assert.Throws<ArgumentException>(() => TopicAttention.Measure(other, sessions, topicByItem, candidates: [[1], [2], [21]]));
    }

    [Fact]
    public void Measure_needs_target_attention_and_a_topic_for_every_item()
    {
        var srgnn = ModelFactory.Create(ModelConfig.ForSrGnn(11) with { HiddenSize = 4 }, seed: 1);
        Assert.Throws<InvalidOperationException>(() => TopicAttention.Measure(srgnn, [([1, 2], 3)], new int[11]));
        var tagnn = ModelFactory.Create(ModelConfig.ForTagnn(11) with { HiddenSize = 4 }, seed: 1);
        Assert.Throws<ArgumentException>(() => TopicAttention.Measure(tagnn, [([1, 2], 3)], new int[5]));
    }

    [Fact]
    public void Longest_prefixes_take_one_example_per_session()
    {
        // Reference order: session [1 2 3 4] gives (1 2 3 -> 4), (1 2 -> 3), (1 -> 2); then session [5 6] gives (5 -> 6).
        var data = SessionDataset.FromExamples([(4, [1, 2, 3]), (3, [1, 2]), (2, [1]), (6, [5]), (9, [7, 8]), (8, [7])]);
        var all = TopicAttention.LongestPrefixes(data, minClicks: 1);
        Assert.Equal(3, all.Count);
        Assert.Equal([1, 2, 3], all[0].Clicks);
        Assert.Equal(4, all[0].Target);
        Assert.Equal([5], all[1].Clicks);
        var longer = TopicAttention.LongestPrefixes(data, minClicks: 2);
        Assert.Equal([4, 9], longer.Select(s => s.Target));
        Assert.Single(TopicAttention.LongestPrefixes(data, minClicks: 2, max: 1));
    }

    private static int[] Top(SessionModel model, int[] clicks, int k, int padLength)
    {
        using var scope = NewDisposeScope();
        using var batch = SessionBatch.FromSessions([clicks], padLength);
        return RankingMetrics.TopK(model.forward(batch), k)[0];
    }
}
