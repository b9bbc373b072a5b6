using System.Text.Json;
using Plotly.NET;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Model;
using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

public sealed class AttentionExplorerTests
{
    // 12 items "i1".."i12" in 3 topics of 4; untrained models (the figure must show the models' own numbers, whatever
    // they are).
    private static readonly int[] Topics = [0, .. Enumerable.Range(0, 12).Select(i => i / 4 + 1)];

    private static Recommender Build(ModelConfig config) => new(
        ModelFactory.Create(config with { HiddenSize = 6 }, seed: 5), new ItemCatalog([.. Enumerable.Range(1, 12).Select(i => $"i{i}")]), padLength: 8);

    private static Recommender Tagnn() => Build(ModelConfig.ForTagnn(13));

    private static Recommender SrGnn() => Build(ModelConfig.ForSrGnn(13));

    private static JsonElement Json(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    [Fact]
    public void The_figure_carries_one_trace_set_per_session_a_dropdown_that_shows_each_and_the_marked_next_click()
    {
        var tagnn = Tagnn();
        const int k = 4;
        // Each session's next click is TAGNN's second candidate for it (a hit) except the last (not in the top k).
        int[][] clicks = [[1, 5, 2], [9, 10, 9, 3], [4, 8]];
        var targets = clicks.Select(c => AttentionView.Create(tagnn, c, Topics, k).Candidates[1]).ToArray();
        var lastTop = AttentionView.Create(tagnn, clicks[2], Topics, k).Candidates;
        targets[2] = Enumerable.Range(1, 12).First(i => !lastTop.Contains(i));
        var sessions = clicks.Select((c, i) => new ExplorerSession(i, c, targets[i], c.Select(v => Topics[v]).Distinct().Count(), 0, i < 2, false)).ToList();
        var explorer = AttentionExplorer.Create(tagnn, sessions, Topics, k, [AttentionProvider.GlobalAttention(SrGnn())]);

        var figure = Json(explorer.Figure("explorer"));
        var data = figure.GetProperty("data").EnumerateArray().ToList();
        var per = explorer.TracesPerSession;
        Assert.Equal(AttentionFigure.TracesPerSession + 2, per);
        Assert.Equal(3 * per, data.Count);

        for (var s = 0; s < 3; s++)
        {
            var set = data.Skip(s * per).Take(per).ToList();
            // Exactly the first session is visible at first.
            Assert.All(set, t => Assert.Equal(s == 0, t.GetProperty("visible").GetBoolean()));
            // Its target-attention heatmap holds the view's beta (candidates x clicks, padding column last).
            var heatmap = Assert.Single(set, t => t.GetProperty("type").GetString() == "heatmap" && t.GetProperty("xaxis").GetString() == "x");
            var z = heatmap.GetProperty("z");
            Assert.Equal(k, z.GetArrayLength());
            var view = explorer.Views[s];
            for (var j = 0; j < k; j++)
                for (var i = 0; i < clicks[s].Length; i++)
                    Assert.Equal(view.Beta[j, i], z[j][i].GetDouble(), 4);
            // Hovering a cell names the candidate, the click, the weight and the candidate's score.
            var hover = heatmap.GetProperty("text")[1][0].GetString()!;
            Assert.Contains($"candidate 2. {view.CandidateIds[1]}", hover);
            Assert.Contains($"click 1: {view.ClickIds[0]}", hover);
            Assert.Contains($"β = {view.Beta[1, 0]:0.000}", hover);
            Assert.Contains($"score {view.Scores[1]:0.00}", hover);
            // The next click is outlined in its row when it is among the candidates, and nowhere when it is not.
            var outline = set[1];
            Assert.Equal("the next click", outline.GetProperty("name").GetString());
            if (s < 2)
            {
                Assert.Equal(1, view.Candidates.ToList().IndexOf(targets[s]));
                var ys = outline.GetProperty("y").EnumerateArray().Select(y => y.GetDouble()).ToList();
                Assert.Equal((1.5, 2.5), (ys.Min(), ys.Max()));                                    // around row 2
                Assert.Contains("★ the next click", hover);
            }
            else
            {
                Assert.Equal(0, outline.GetProperty("y").GetArrayLength());
                Assert.True(view.TargetRank > k);
            }
            // The compared model's panel: SR-GNN's alpha (no softmax), the same row for every candidate.
            var compared = Assert.Single(set, t => t.GetProperty("type").GetString() == "heatmap" && t.GetProperty("xaxis").GetString() == "x4");
            Assert.Equal(explorer.Maps[s][0].Weights[0, 0], compared.GetProperty("z")[0][0].GetDouble(), 4);
            Assert.Equal(compared.GetProperty("z")[0].ToString(), compared.GetProperty("z")[k - 1].ToString());
        }

        var menus = figure.GetProperty("layout").GetProperty("updatemenus").EnumerateArray().ToList();
        Assert.Equal(2, menus.Count);
        var dropdown = menus[0];
        Assert.Equal("dropdown", dropdown.GetProperty("type").GetString());
        var buttons = dropdown.GetProperty("buttons").EnumerateArray().ToList();
        Assert.Equal(sessions.Select(s => s.Label), buttons.Select(b => b.GetProperty("label").GetString()));
        for (var s = 0; s < 3; s++)
        {
            var args = buttons[s].GetProperty("args");
            Assert.Equal("update", buttons[s].GetProperty("method").GetString());
            var visible = args[0].GetProperty("visible").EnumerateArray().Select(v => v.GetBoolean()).ToList();
            Assert.Equal(Enumerable.Range(0, 3 * per).Select(i => i / per == s), visible);
            // The session's own tick labels come with it; the next click's row is starred.
            var ticks = args[1].GetProperty("yaxis.ticktext").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.Equal(s < 2 ? 1 : 0, ticks.Count(t => t.StartsWith("★", StringComparison.Ordinal)));
            Assert.Equal(clicks[s].Length, args[1].GetProperty("xaxis4.ticktext").GetArrayLength());
            Assert.Contains(explorer.Views[s].ClickIds[0], args[1].GetProperty("title.text").GetString());
        }
        // The initial layout is the first session's.
        Assert.Equal(buttons[0].GetProperty("args")[1].GetProperty("yaxis.ticktext").ToString(),
            figure.GetProperty("layout").GetProperty("yaxis").GetProperty("ticktext").ToString());

        // The mode buttons change opacity and domains only (never visibility), so they combine with the dropdown.
        var modes = menus[1].GetProperty("buttons").EnumerateArray().ToList();
        Assert.Equal(2, modes.Count);
        foreach (var mode in modes)
        {
            Assert.False(mode.GetProperty("args")[0].TryGetProperty("visible", out _));
            Assert.Equal(3 * per, mode.GetProperty("args")[0].GetProperty("opacity").GetArrayLength());
        }
        double Opacity(int mode, int trace) => modes[mode].GetProperty("args")[0].GetProperty("opacity")[trace].GetDouble();
        var comparedIndex = data.FindIndex(t => t.GetProperty("xaxis").GetString() == "x4");
        var graphIndex = data.FindIndex(t => t.GetProperty("xaxis").GetString() == "x3");
        Assert.Equal((0.0, 1.0), (Opacity(0, comparedIndex), Opacity(1, comparedIndex)));
        Assert.Equal((1.0, 0.0), (Opacity(0, graphIndex), Opacity(1, graphIndex)));
        Assert.Equal(0.0, data[comparedIndex].GetProperty("opacity").GetDouble());                  // linked views first
        Assert.True(modes[1].GetProperty("args")[1].GetProperty("xaxis4.visible").GetBoolean());
    }

    [Fact]
    public void Compared_models_give_their_own_attention_scores_and_rank()
    {
        var srgnn = SrGnn();
        var provider = AttentionProvider.GlobalAttention(srgnn);
        Assert.Equal("SR-GNN", provider.Name);
        Assert.Contains("no softmax", provider.Description);
        int[] clicks = [1, 5, 2, 5];
        var map = provider.Attend(clicks, [3, 7], target: 7);
        Assert.False(map.PerCandidate);
        Assert.False(map.IsDistribution);

        var recommendation = srgnn.Recommend(["i1", "i5", "i2", "i5"], k: 12);
        foreach (var w in recommendation.GlobalAttention!) Assert.Equal(w.Weight, map.Weight(1, w.Position), 5);
        Assert.Equal(recommendation.Items.Single(i => i.ItemId == 3).Score, map.Scores[0], 4);
        Assert.Equal(recommendation.Items.Single(i => i.ItemId == 7).Rank, map.TargetRank);

        var tagnn = Tagnn();
        var target = AttentionProvider.TargetAttention(tagnn).Attend(clicks, [3, 7], 0);
        Assert.True(target.PerCandidate);
        Assert.Equal(0, target.TargetRank);
        var expected = SessionAttention.Compute(tagnn.SessionModel, clicks, [3, 7], 8);
        Assert.Equal(expected.Beta[1, 2], target.Weight(1, 2), 9);

        // A provider whose map does not fit the session is refused, naming it.
        var wrong = new AttentionProvider("odd", "a wrong map", (c, cand, t) => new AttentionMap(new double[1, 1], false, true, new double[cand.Count], 0));
        Assert.Contains("odd", Assert.Throws<InvalidOperationException>(() => wrong.Attend(clicks, [3], 0)).Message);
        Assert.Throws<InvalidOperationException>(() => AttentionProvider.TargetAttention(srgnn));
    }

    [Fact]
    public void One_session_keeps_the_single_figure_with_mode_buttons_only_when_models_are_compared()
    {
        var tagnn = Tagnn();
        var view = AttentionView.Create(tagnn, [1, 5, 2], Topics, k: 3);
        var alone = Json(view.Figure("one"));
        Assert.False(alone.GetProperty("layout").TryGetProperty("updatemenus", out _));
        Assert.Equal(AttentionFigure.TracesPerSession, alone.GetProperty("data").GetArrayLength());
        Assert.All(alone.GetProperty("data").EnumerateArray(), t => Assert.True(t.GetProperty("visible").GetBoolean()));

        var compared = Json(view.Figure("two", [AttentionProvider.GlobalAttention(SrGnn())]));
        var menu = Assert.Single(compared.GetProperty("layout").GetProperty("updatemenus").EnumerateArray());
        Assert.Equal("buttons", menu.GetProperty("type").GetString());
    }

    [Fact]
    public void Choose_takes_the_first_session_of_each_group_and_the_first_that_returns_to_an_earlier_topic()
    {
        var tagnn = Tagnn();
        // Topics: items 1-4 t1, 5-8 t2, 9-12 t3.
        (int[] Clicks, int Target)[] sessions =
        [
            ([1, 2], 3),               // 1 topic, short
            ([1, 2, 3], 4),            // 1 topic, short: same group as the first unless hit/miss differ
            ([1, 5], 6),               // 2 topics, short, continues t2
            ([1, 5], 2),               // 2 topics, short, returns to t1
            ([1, 5, 9, 2, 6, 10, 11], 3), // 3 topics, long, returns to t1
            ([5, 6, 7, 8, 5], 9),      // 1 topic, 4-6 clicks, next click in a new topic
        ];
        const int k = 3;
        var chosen = AttentionExplorer.Choose(tagnn, sessions, Topics, k);

        var ranks = sessions.Select(s => AttentionView.Create(tagnn, s.Clicks, Topics, k, s.Target).TargetRank).ToArray();
        Assert.All(chosen, c => Assert.Equal(ranks[c.Index], c.Rank));
        Assert.All(chosen, c => Assert.Equal(c.Rank <= k, c.Hit));
        Assert.Equal(chosen.Count, chosen.Select(c => c.Index).Distinct().Count());
        // Every group is represented by its first session, and by its first session that returns to an earlier topic.
        var groups = sessions.Select((s, i) => (i, key: (Math.Min(s.Clicks.Select(v => Topics[v]).Distinct().Count(), 3), s.Clicks.Length switch { <= 3 => 0, <= 6 => 1, _ => 2 }, ranks[i] <= k)))
            .GroupBy(x => x.key).ToList();
        foreach (var g in groups)
        {
            Assert.Contains(chosen, c => c.Index == g.First().i);
            var returns = g.Where(x => Topics[sessions[x.i].Target] != Topics[sessions[x.i].Clicks[^1]] && sessions[x.i].Clicks.Any(v => Topics[v] == Topics[sessions[x.i].Target])).ToList();
            if (returns.Count > 0) Assert.Contains(chosen, c => c.Index == returns[0].i);
        }
        Assert.True(chosen.Single(c => c.Index == 3).ReturnsToEarlierTopic);
        Assert.False(chosen.Single(c => c.Index == 2).ReturnsToEarlierTopic);
        Assert.False(chosen.Single(c => c.Index == 5).ReturnsToEarlierTopic);            // t3 is not in the session
        Assert.Equal(3, chosen.Single(c => c.Index == 4).Topics);
        Assert.Contains("7 clicks · 3 topics · back to an earlier topic", chosen.Single(c => c.Index == 4).Label);
        // Ordered by topics, then length.
        Assert.Equal(chosen.OrderBy(c => Math.Min(c.Topics, 3)).ThenBy(c => c.Clicks.Length > 6 ? 2 : c.Clicks.Length > 3 ? 1 : 0).Select(c => c.Topics), chosen.Select(c => c.Topics));
    }
}
