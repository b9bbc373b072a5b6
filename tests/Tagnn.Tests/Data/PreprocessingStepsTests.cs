using Tagnn.Data;

namespace Tagnn.Tests.Data;

/// <summary>The step-by-step preprocessing of the notebooks gives exactly what <see cref="ReferencePreprocessor"/>
/// gives (which is itself byte-identical to the authors' script on these fixtures), and each step does what it says.</summary>
public sealed class PreprocessingStepsTests : IDisposable
{
    private const string Header = "sessionId;userId;itemId;timeframe;eventdate\n";
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "preprocess");
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private sealed record StepwiseResult(List<StepCount> Steps, DateSplit Split, ItemCatalog Items, SessionDataset Train, SessionDataset Test);

    /// <summary>The steps composed as the notebook composes them, with the reference's step names and counts.</summary>
    private static StepwiseResult RunSteps(ClickLog log)
    {
        var digi = log.Layout == ClickLogLayout.Diginetica;
        var steps = new List<StepCount>();
        var sessions = PreprocessingSteps.Group(log);
        steps.Add(PreprocessingSteps.Count("read", sessions));
        if (digi) sessions = PreprocessingSteps.SortByTimeframe(sessions);
        sessions = PreprocessingSteps.DropSingleClickSessions(sessions);
        steps.Add(PreprocessingSteps.Count("drop one-click sessions", sessions));
        sessions = PreprocessingSteps.DropRareItems(sessions);
        steps.Add(PreprocessingSteps.Count("drop items with < 5 clicks, then sessions with < 2", sessions));
        var split = PreprocessingSteps.SplitByDate(sessions, PreprocessingSteps.TestWindowDays(log.Layout));
        steps.Add(PreprocessingSteps.Count("train: sessions before the split date", split.Train));
        steps.Add(PreprocessingSteps.Count("test: sessions after the split date", split.Test));
        var items = PreprocessingSteps.NumberItems(split.Train);
        var train = PreprocessingSteps.Renumber(split.Train, items);
        var test = PreprocessingSteps.Renumber(split.Test, items);
        steps.Add(PreprocessingSteps.Count("test: drop items unseen in train, then sessions with < 2", test));
        Assert.Equal(split.Train.Count, train.Count); // nothing is removed from train
        return new StepwiseResult(steps, split, items, PreprocessingSteps.Augment(train), PreprocessingSteps.Augment(test));
    }

    private static void AssertSameExamples(SessionDataset expected, SessionDataset actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Targets.ToArray(), actual.Targets.ToArray());
        Assert.Equal(expected.Offsets.ToArray(), actual.Offsets.ToArray());
        Assert.Equal(expected.PrefixItems.ToArray(), actual.PrefixItems.ToArray());
    }

    [Fact]
    public void Composed_steps_reproduce_the_reference_on_the_diginetica_parity_fixture()
    {
        var log = ClickLogReader.Read(Path.Combine(Fixtures, "digi-small.csv"), ClickLogLayout.Diginetica);
        var reference = Assert.Single(ReferencePreprocessor.Run(log));
        var steps = RunSteps(log);

        AssertSameExamples(reference.Train, steps.Train);
        AssertSameExamples(reference.Test, steps.Test);
        Assert.Equal(33_379, steps.Train.Count);
        Assert.Equal(4_475, steps.Test.Count);
        Assert.Equal(reference.Items.Count, steps.Items.Count);
        Assert.Equal(reference.Stats.Steps, steps.Steps);
        Assert.Equal(reference.Stats.SplitDate, steps.Split.SplitDate.ToString("yyyy-MM-dd"));
        Assert.Equal(reference.Stats.MaxDate, steps.Split.MaxDate.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public void Composed_steps_reproduce_the_reference_on_the_yoochoose_parity_fixture_and_its_fractions()
    {
        var log = ClickLogReader.Read(Path.Combine(Fixtures, "yoo-small.dat"), ClickLogLayout.Yoochoose);
        var reference = ReferencePreprocessor.Run(log);
        var steps = RunSteps(log);

        Assert.Equal(reference[0].Stats.TrainExamplesBeforeFraction, steps.Train.Count);
        AssertSameExamples(reference[0].Test, steps.Test);
        AssertSameExamples(reference[0].Train, PreprocessingSteps.LastFraction(steps.Train, 64));
        AssertSameExamples(reference[1].Train, PreprocessingSteps.LastFraction(steps.Train, 4));
        Assert.Equal(1_226, PreprocessingSteps.LastFraction(steps.Train, 64).Count);
        // The fractions keep the full item table.
        Assert.Equal(reference[0].Items.Count, steps.Items.Count);
        Assert.Equal(reference[0].Stats.Steps.Take(6), steps.Steps);
    }

    [Fact]
    public void Composed_steps_reproduce_the_committed_sample_and_its_step_counts()
    {
        var log = ClickLogReader.Read(SampleData.LogPath, ClickLogLayout.Diginetica);
        var prepared = SampleData.LoadPrepared();
        var steps = RunSteps(log);

        AssertSameExamples(prepared.Train, steps.Train);
        AssertSameExamples(prepared.Test, steps.Test);
        Assert.Equal(prepared.Stats.Steps, steps.Steps);
        Assert.Equal(Enumerable.Range(1, prepared.Items.Count).Select(prepared.Items.OriginalId),
            Enumerable.Range(1, steps.Items.Count).Select(steps.Items.OriginalId));
        Assert.Equal(prepared.Stats.SplitDate, steps.Split.SplitDate.ToString("yyyy-MM-dd"));
        Assert.NotEmpty(steps.Split.OnSplitDate); // the sample has sessions on the split day, and they are dropped
        Assert.All(steps.Split.OnSplitDate, s => Assert.Equal(steps.Split.SplitDate, s.Date));
    }

    [Fact]
    public void Sort_by_timeframe_is_stable_and_yoochoose_sessions_cannot_be_sorted()
    {
        var log = ClickLogReader.Read(temp.File("v.csv", Header + "1;NA;c;20;2016-01-02\n1;NA;a;10;2016-01-02\n1;NA;b;20;2016-01-02\n"),
            ClickLogLayout.Diginetica);
        var session = Assert.Single(PreprocessingSteps.SortByTimeframe(PreprocessingSteps.Group(log)));
        Assert.Equal(["a", "c", "b"], session.Items); // c and b tie at 20: file order kept
        Assert.Equal([10L, 20L, 20L], session.Timeframes!);
        Assert.Equal(new DateTime(2016, 1, 2, 0, 0, 0, DateTimeKind.Utc), session.Date);

        var yoo = new ClickSession(0, DateTime.UnixEpoch, ["a", "b"], null);
        var e = Assert.Throws<InvalidOperationException>(() => PreprocessingSteps.SortByTimeframe([yoo]));
        Assert.Contains("Yoochoose keeps file order", e.Message);
    }

    [Fact]
    public void Rare_items_are_counted_once_before_filtering()
    {
        static ClickSession S(int index, params string[] items) => new(index, DateTime.UnixEpoch, items, null);
        // z has 5 clicks: one in session 1 (z y), which is dropped because y is rare, four in session 2. Counts are not
        // recomputed, so z keeps its support of 5 and session 2 survives with 4 clicks on z.
        var sessions = new[] { S(0, "a", "a", "a", "a", "a"), S(1, "z", "y"), S(2, "z", "z", "z", "z") };
        var left = PreprocessingSteps.DropRareItems(sessions);
        Assert.Equal([0, 2], left.Select(s => s.Index));
        Assert.Equal(5, PreprocessingSteps.ItemClicks(sessions)["z"]);
        Assert.Equal(4, PreprocessingSteps.ItemClicks(left)["z"]); // below 5 after the drop, and still kept
    }

    [Fact]
    public void Split_drops_the_split_day_and_sorts_each_side_stably_by_date()
    {
        static ClickSession S(int index, int day) => new(index, new DateTime(2016, 1, day, 0, 0, 0, DateTimeKind.Utc), ["a", "b"], null);
        var split = PreprocessingSteps.SplitByDate([S(0, 20), S(1, 3), S(2, 13), S(3, 1), S(4, 3), S(5, 14)], days: 7);
        Assert.Equal(new DateTime(2016, 1, 13, 0, 0, 0, DateTimeKind.Utc), split.SplitDate);
        Assert.Equal([3, 1, 4], split.Train.Select(s => s.Index)); // day 1, then the two day-3 sessions in input order
        Assert.Equal([2], split.OnSplitDate.Select(s => s.Index));
        Assert.Equal([5, 0], split.Test.Select(s => s.Index));
        Assert.Equal(7, PreprocessingSteps.TestWindowDays(ClickLogLayout.Diginetica));
        Assert.Equal(1, PreprocessingSteps.TestWindowDays(ClickLogLayout.Yoochoose));
    }

    [Fact]
    public void Items_are_numbered_by_first_appearance_and_unseen_test_items_are_removed()
    {
        static ClickSession S(params string[] items) => new(0, DateTime.UnixEpoch, items, null);
        var items = PreprocessingSteps.NumberItems([S("x", "y", "x"), S("w", "y")]);
        Assert.Equal(["x", "y", "w"], Enumerable.Range(1, items.Count).Select(items.OriginalId));
        var test = PreprocessingSteps.Renumber([S("y", "new", "w"), S("new", "x"), S("x", "x")], items);
        Assert.Equal([[2, 3], [1, 1]], test);
    }

    [Fact]
    public void Augmentation_gives_the_prefixes_longest_first_and_fractions_take_the_last_examples()
    {
        var examples = PreprocessingSteps.Prefixes([5, 6, 7, 8]);
        Assert.Equal([8, 7, 6], examples.Select(e => e.Target));
        Assert.Equal([[5, 6, 7], [5, 6], [5]], examples.Select(e => e.Prefix));
        var set = PreprocessingSteps.Augment([[1, 2, 3], [4, 5]]);
        Assert.Equal([3, 2, 5], set.Targets.ToArray());
        Assert.Equal(3, set.Count);
        Assert.Equal([5], PreprocessingSteps.LastFraction(set, 2).Targets.ToArray()); // floor(3 / 2) = 1: the last one
        Assert.Equal(3, PreprocessingSteps.LastFraction(set, 64).Count);               // floor(3 / 64) = 0: all, as x[-0:]
    }
}
