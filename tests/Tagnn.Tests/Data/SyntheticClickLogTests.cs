using Tagnn.Data;

namespace Tagnn.Tests.Data;

public sealed class SyntheticClickLogTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static readonly SyntheticClickLogOptions Small = new() { Seed = 5, Sessions = 3_000, Items = 400, Topics = 8, Days = 30 };

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        var a = SyntheticClickLog.Write(temp.Combine("a", "log.csv"), Small);
        var b = SyntheticClickLog.Write(temp.Combine("b", "log.csv"), Small);
        var c = SyntheticClickLog.Write(temp.Combine("c", "log.csv"), Small with { Seed = 6 });
        Assert.Equal(File.ReadAllBytes(a.LogPath), File.ReadAllBytes(b.LogPath));
        Assert.Equal(File.ReadAllBytes(a.ItemTopicsPath!), File.ReadAllBytes(b.ItemTopicsPath!));
        Assert.Equal(File.ReadAllBytes(a.SessionTopicsPath!), File.ReadAllBytes(b.SessionTopicsPath!));
        Assert.NotEqual(File.ReadAllBytes(a.LogPath), File.ReadAllBytes(c.LogPath));
    }

    [Fact]
    public void Refuses_to_overwrite_without_permission()
    {
        var path = temp.Combine("log.csv");
        SyntheticClickLog.Write(path, Small);
        Assert.Throws<IOException>(() => SyntheticClickLog.Write(path, Small));
        SyntheticClickLog.Write(path, Small, overwrite: true);
    }

    [Fact]
    public void Diginetica_layout_reads_back_with_rows_out_of_timeframe_order_and_mostly_NA_users()
    {
        var summary = SyntheticClickLog.Write(temp.Combine("log.csv"), Small);
        var lines = File.ReadAllLines(summary.LogPath);
        Assert.Equal(ClickLogReader.DigineticaHeader, lines[0]);
        var log = ClickLogReader.Read(summary.LogPath, ClickLogLayout.Diginetica);
        Assert.Equal(summary.Clicks, log.Clicks);
        Assert.Equal(Small.Sessions, log.Sessions);
        var rows = lines.Skip(1).Select(l => l.Split(';')).ToArray();
        Assert.True(rows.Count(r => r[1] == "NA") > rows.Length * 0.8);
        // Some session has a row whose timeframe is smaller than the row before it.
        Assert.Contains(Enumerable.Range(1, rows.Length - 1),
            i => rows[i][0] == rows[i - 1][0] && long.Parse(rows[i][3]) < long.Parse(rows[i - 1][3]));
        // Sessions are spread over the days.
        Assert.Equal(Small.Days, rows.Select(r => r[4]).Distinct().Count());
    }

    [Fact]
    public void Yoochoose_layout_reads_back_with_ISO_millisecond_timestamps()
    {
        var summary = SyntheticClickLog.Write(temp.Combine("clicks.dat"), Small with { Layout = ClickLogLayout.Yoochoose });
        var first = File.ReadLines(summary.LogPath).First().Split(',');
        Assert.Equal(4, first.Length);
        Assert.Matches(@"^2014-04-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ$", first[1]);
        Assert.Matches(@"^2145\d{5}$", first[2]);
        var log = ClickLogReader.Read(summary.LogPath, ClickLogLayout.Yoochoose);
        Assert.Equal(summary.Clicks, log.Clicks);
        var results = ReferencePreprocessor.Run(log);
        Assert.Equal(2, results.Count);
        Assert.True(results[1].Train.Count > results[0].Train.Count);
    }

    [Fact]
    public void Sessions_stay_within_their_two_or_three_topics_and_follow_preferred_successors()
    {
        var summary = SyntheticClickLog.Write(temp.Combine("log.csv"), Small);
        var topicOf = SyntheticClickLog.ReadItemTopics(summary.ItemTopicsPath!);
        Assert.Equal(Small.Items, topicOf.Count);
        Assert.Equal(Enumerable.Range(1, Small.Topics), topicOf.Values.Distinct().Order());
        var successors = File.ReadLines(summary.ItemTopicsPath!).Skip(1).Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => p[3].Split(' '));
        var truth = SyntheticClickLog.ReadSessionTopics(summary.SessionTopicsPath!);
        Assert.Equal(Small.Sessions, truth.Count);
        var sessionTopics = truth.ToDictionary(t => t.SessionId, t => t.Topics.ToHashSet());
        // Targets that return to an earlier interest exist, and their topic is one of the session's.
        Assert.Contains(truth, t => t.TargetReturns);
        Assert.All(truth, t => Assert.Contains(t.TargetTopic, t.Topics));
        Assert.All(sessionTopics.Values, t => Assert.InRange(t.Count, 2, 3));

        var log = ClickLogReader.Read(summary.LogPath, ClickLogLayout.Diginetica);
        var result = Assert.Single(ReferencePreprocessor.Run(log));
        // Every click of a session is on one of its topics (checked on the raw rows).
        foreach (var row in File.ReadLines(summary.LogPath).Skip(1).Select(l => l.Split(';')))
            Assert.Contains(topicOf[row[2]], sessionTopics[row[0]]);
        // Strong transitions: most consecutive pairs of the same topic follow a preferred successor or repeat.
        int sameTopic = 0, planted = 0;
        foreach (var set in new[] { result.Train })
        {
            for (var i = 0; i < set.Count; i++)
            {
                var last = result.Items.OriginalId(set.Prefix(i)[^1]);
                var next = result.Items.OriginalId(set.Target(i));
                if (topicOf[last] != topicOf[next]) continue;
                sameTopic++;
                if (next == last || successors[last].Contains(next)) planted++;
            }
        }
        Assert.True(planted > 0.6 * sameTopic, $"{planted} of {sameTopic} same-topic transitions are planted ones.");
    }

    [Fact]
    public void Validates_its_settings()
    {
        Assert.Contains("topics", Assert.Throws<ArgumentException>(() => SyntheticClickLog.Write(temp.Combine("x.csv"), Small with { Topics = 1 })).Message);
        Assert.Contains("days", Assert.Throws<ArgumentException>(() => SyntheticClickLog.Write(temp.Combine("x.csv"), Small with { Days = 3 })).Message);
        Assert.False(File.Exists(temp.Combine("x.csv")));
    }
}
