using Tagnn.Data;

namespace Tagnn.Tests.Data;

/// <summary>The committed sample can never drift: the generator reproduces the committed log byte for byte, and the
/// committed prepared folder is exactly what preprocessing the committed log gives.</summary>
public sealed class SampleDataTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_documented_seed_reproduces_the_committed_log_and_ground_truth()
    {
        var summary = SyntheticClickLog.Write(temp.Combine("train-item-views.csv"), SampleData.Options);
        Assert.Equal(File.ReadAllBytes(SampleData.LogPath), File.ReadAllBytes(summary.LogPath));
        Assert.Equal(File.ReadAllBytes(SampleData.Find(SampleData.ItemTopicsRelativePath)), File.ReadAllBytes(summary.ItemTopicsPath!));
        Assert.Equal(File.ReadAllBytes(SampleData.Find(SampleData.SessionTopicsRelativePath)), File.ReadAllBytes(summary.SessionTopicsPath!));
    }

    [Fact]
    public void The_committed_prepared_folder_is_what_preprocess_produces()
    {
        var log = ClickLogReader.Read(SampleData.LogPath, ClickLogLayout.Diginetica);
        Assert.Single(ReferencePreprocessor.Run(log)).Save(temp.Path);
        foreach (var name in new[] { PreparedDataset.TrainFile, PreparedDataset.TestFile, PreparedDataset.ItemsFile, PreparedDataset.StatsFile })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(SampleData.PreparedPath, name)).AsSpan().SequenceEqual(File.ReadAllBytes(temp.Combine(name))),
                $"{SampleData.PreparedRelativePath}/{name} differs from what preprocessing {SampleData.LogRelativePath} gives. " +
                "Regenerate it with the command in data/README.md.");
        }
    }

    [Fact]
    public void The_sample_is_sized_for_a_one_minute_training_run()
    {
        var prepared = SampleData.LoadPrepared();
        Assert.InRange(prepared.Items.Count, 1_000, 2_000);
        Assert.InRange(prepared.Train.Count, 40_000, 80_000);
        Assert.InRange(prepared.Test.Count, 4_000, 12_000);
        Assert.Equal(prepared.Stats.TrainExamples, prepared.Train.Count);
    }

    [Fact]
    public void Every_sample_item_has_its_ground_truth_topic()
    {
        var topics = SampleData.TopicByItemId();
        Assert.Equal(SampleData.LoadPrepared().Items.Count + 1, topics.Length);
        Assert.Equal(0, topics[0]);
        Assert.All(topics.Skip(1), t => Assert.InRange(t, 1, SampleData.Options.Topics));
        Assert.Equal(SampleData.Options.Topics, topics.Skip(1).Distinct().Count());
    }

    [Fact]
    public void The_planted_transitions_beat_popularity_by_a_wide_margin()
    {
        // Hit rate @20 on the test examples of two count-based predictors fitted on train: the 20 most clicked items,
        // and the 20 most frequent successors of the prefix's last item (popular items fill up). A model that learns
        // the transitions has much to gain over popularity.
        var data = SampleData.LoadPrepared();
        var n = data.Items.Count;
        var popularity = new int[n + 1];
        var successors = new Dictionary<int, Dictionary<int, int>>();
        for (var i = 0; i < data.Train.Count; i++)
        {
            popularity[data.Train.Target(i)]++;
            foreach (var item in data.Train.Prefix(i)) popularity[item]++;
            var last = data.Train.Prefix(i)[^1];
            var next = successors.TryGetValue(last, out var d) ? d : successors[last] = [];
            next[data.Train.Target(i)] = next.GetValueOrDefault(data.Train.Target(i)) + 1;
        }
        var top = Enumerable.Range(1, n).OrderByDescending(i => popularity[i]).ThenBy(i => i).Take(20).ToArray();
        int popHits = 0, markovHits = 0;
        for (var i = 0; i < data.Test.Count; i++)
        {
            var target = data.Test.Target(i);
            if (top.Contains(target)) popHits++;
            var list = successors.TryGetValue(data.Test.Prefix(i)[^1], out var d)
                ? d.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key).Take(20).ToList() : [];
            foreach (var item in top)
            {
                if (list.Count == 20) break;
                if (!list.Contains(item)) list.Add(item);
            }
            if (list.Contains(target)) markovHits++;
        }
        var pop = popHits / (double)data.Test.Count;
        var markov = markovHits / (double)data.Test.Count;
        Assert.InRange(pop, 0.15, 0.40);
        Assert.True(markov > pop + 0.25, $"last-item successors hit {markov:P1}, popularity {pop:P1}");
    }
}
