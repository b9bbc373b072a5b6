using Tagnn.Data;

namespace Tagnn.Tests.Data;

/// <summary>The quirks of the reference preprocessing, one small log each (the parity tests cover them at scale).</summary>
public sealed class ReferencePreprocessorTests : IDisposable
{
    private const string Header = "sessionId;userId;itemId;timeframe;eventdate\n";
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private PreprocessedDataset Digi(string rows) =>
        Assert.Single(ReferencePreprocessor.Run(ClickLogReader.Read(temp.File("v.csv", Header + rows), ClickLogLayout.Diginetica)));

    /// <summary>Rows making items a..e popular (5 clicks each) in a session dated <paramref name="date"/>.</summary>
    private static string Filler(int session, string date, params string[] items)
    {
        var rows = new System.Text.StringBuilder();
        var t = 0;
        for (var k = 0; k < 5; k++)
            foreach (var item in items) rows.Append($"{session};NA;{item};{t++};{date}\n");
        return rows.ToString();
    }

    private static string[] Examples(SessionDataset set, ItemCatalog items) =>
        [.. Enumerable.Range(0, set.Count).Select(i =>
            items.OriginalId(set.Target(i)) + " <- " + string.Join(" ", set.Prefix(i).ToArray().Select(items.OriginalId)))];

    [Fact]
    public void Sorts_each_session_by_timeframe_stably_and_augments_longest_prefix_first()
    {
        // Session 2 is out of timeframe order, with a tie (b and c at 20: file order kept).
        var result = Digi(Filler(1, "2016-01-01", "a", "b", "c") + "2;NA;c;20;2016-01-02\n2;NA;a;10;2016-01-02\n2;NA;b;20;2016-01-02\n"
            + Filler(3, "2016-01-20", "a", "b"));
        var train = Examples(result.Train, result.Items);
        // Session 2 sorts to a(10) c(20) b(20): the tie keeps file order (c before b).
        Assert.Equal(["b <- a c", "c <- a"], train[^2..]);
        Assert.Equal(14 + 2, result.Train.Count); // session 1 (15 clicks) then session 2
    }

    [Fact]
    public void Drops_sessions_on_the_split_day_and_splits_train_before_test_after()
    {
        // maxdate 2016-01-20 -> split 2016-01-13: session 2 (on it) is dropped, session 3 is test.
        var result = Digi(Filler(1, "2016-01-01", "a", "b") + Filler(2, "2016-01-13", "a", "b") + Filler(3, "2016-01-20", "a", "b"));
        Assert.Equal("2016-01-13", result.Stats.SplitDate);
        Assert.Equal("2016-01-20", result.Stats.MaxDate);
        Assert.Equal(1, result.Stats.TrainSessions);
        Assert.Equal(1, result.Stats.TestSessions);
    }

    [Fact]
    public void Item_support_is_counted_once_before_filtering()
    {
        // z has 5 clicks: one in session 2 (z y), which the filter drops because y is rare, and four in session 3.
        // Counts are not recomputed after the drop, so z (now 4 clicks) and session 3 stay.
        var rows = Filler(1, "2016-01-01", "a", "b")
            + "2;NA;z;1;2016-01-02\n2;NA;y;2;2016-01-02\n"
            + "3;NA;z;1;2016-01-03\n3;NA;z;2;2016-01-03\n3;NA;z;3;2016-01-03\n3;NA;z;4;2016-01-03\n"
            + Filler(4, "2016-01-20", "a", "b");
        var result = Digi(rows);
        var train = Examples(result.Train, result.Items);
        Assert.Equal(["z <- z z z", "z <- z z", "z <- z"], train[^3..]);
        Assert.Equal(["a", "b", "z"], Enumerable.Range(1, result.Items.Count).Select(result.Items.OriginalId));
        Assert.Equal((10L + 4 + 10, 3L), (result.Stats.Steps[2].Clicks, result.Stats.Steps[2].Sessions));
    }

    [Fact]
    public void Numbers_items_by_first_appearance_in_date_sorted_train_and_removes_unseen_test_items()
    {
        // Session 10 comes first in the file but is dated later: its items are numbered after session 11's.
        var rows = Filler(10, "2016-01-05", "p", "q") + Filler(11, "2016-01-02", "r", "s")
            + Filler(12, "2016-01-20", "p", "t") + Filler(13, "2016-01-20", "t", "t");
        var result = Digi(rows);
        Assert.Equal(["r", "s", "p", "q"], Enumerable.Range(1, result.Items.Count).Select(result.Items.OriginalId));
        // Test: session 12 loses t (unseen in train) and keeps p x5; session 13 (only t) is dropped.
        Assert.Equal(1, result.Stats.TestSessions);
        Assert.Equal(4, result.Test.Count);
        Assert.All(Enumerable.Range(0, result.Test.Count), i => Assert.Equal("p", result.Items.OriginalId(result.Test.Target(i))));
    }

    [Fact]
    public void Ties_in_session_date_keep_first_seen_order()
    {
        var rows = Filler(2, "2016-01-03", "b", "a") + Filler(1, "2016-01-03", "a", "b") + Filler(9, "2016-01-20", "a", "b");
        var result = Digi(rows);
        // Session 2 was seen first: its first item b gets id 1.
        Assert.Equal("b", result.Items.OriginalId(1));
    }

    [Fact]
    public void Yoochoose_fraction_of_zero_examples_is_the_whole_list_as_in_python()
    {
        // 3 train examples: floor(3/64) = floor(3/4) = 0, and Python's tr_seqs[-0:] is the whole list.
        var rows = string.Concat(Enumerable.Range(0, 4).Select(k => $"1,2014-04-01T10:00:0{k}.000Z,7,0\n"))
            + "2,2014-04-05T10:00:00.000Z,7,0\n2,2014-04-05T10:00:01.000Z,7,0\n";
        var results = ReferencePreprocessor.Run(ClickLogReader.Read(temp.File("c.dat", rows), ClickLogLayout.Yoochoose));
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(3, r.Train.Count));
        Assert.All(results, r => Assert.Equal(3L, r.Stats.TrainExamplesBeforeFraction));
    }

    [Fact]
    public void Stats_count_every_step_and_the_average_length_by_the_reference_formula()
    {
        var result = Digi(Filler(1, "2016-01-01", "a", "b") + "5;NA;a;1;2016-01-02\n" + Filler(3, "2016-01-20", "a", "b", "c"));
        var s = result.Stats;
        Assert.Equal([(26L, 3L), (25L, 2L), (25L, 2L), (10L, 1L), (15L, 1L), (10L, 1L)],
            s.Steps.Select(x => (x.Clicks, x.Sessions)));
        Assert.Equal((10 + 10) / 2.0, s.AverageLength); // c (5 clicks) is unseen in train: the test session keeps 10
        Assert.Equal(9, s.LongestTrainPrefix);
        Assert.Equal(9, s.LongestTestPrefix);
        Assert.Equal(9, s.TrainExamples);
        Assert.Equal(9, s.TestExamples);
    }
}
