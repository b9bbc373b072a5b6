using Tagnn.Data;

namespace Tagnn.Tests.Data;

public sealed class ClickStatisticsTests
{
    [Fact]
    public void A_power_law_is_recovered_from_its_counts()
    {
        // c(r) = 1e6 / r^1.5, rounded: the fit gives s = 1.5 and C = 1e6 up to the rounding.
        var counts = Enumerable.Range(1, 200).Select(r => (long)Math.Round(1e6 / Math.Pow(r, 1.5))).Reverse();
        var law = ClickStatistics.FitPowerLaw(counts);
        Assert.Equal(1.5, law.Exponent, 3);
        Assert.InRange(law.Scale / 1e6, 0.999, 1.001);
        Assert.InRange(law.At(4) / (1e6 / 8), 0.999, 1.001);
        Assert.Throws<ArgumentException>(() => ClickStatistics.FitPowerLaw([5, 0]));
    }

    [Fact]
    public void Top_share_is_the_share_of_clicks_of_the_most_clicked_items()
    {
        long[] counts = [1, 50, 10, 30, 9];
        Assert.Equal(0.5, ClickStatistics.TopShare(counts, 0.2), 12);   // top 1 item of 5: 50 of 100
        Assert.Equal(0.8, ClickStatistics.TopShare(counts, 0.3), 12);   // ceil(1.5) = 2 items: 80 of 100
        Assert.Equal(1.0, ClickStatistics.TopShare(counts, 1.0), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClickStatistics.TopShare(counts, 0));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, false, false, false)]
    [InlineData(new[] { 1, 1, 2 }, true, true, false)]
    [InlineData(new[] { 1, 2, 1 }, true, false, true)]
    [InlineData(new[] { 1, 2, 2, 1 }, true, true, true)]
    [InlineData(new[] { 1, 1, 1 }, true, true, false)]
    [InlineData(new[] { 1, 2, 3, 1 }, true, false, true)]
    public void Repeats_in_a_row_and_returns_are_told_apart(int[] session, bool repeat, bool inARow, bool returns)
    {
        Assert.Equal(repeat, ClickStatistics.HasRepeat(session));
        Assert.Equal(inARow, ClickStatistics.HasRepeatInARow(session));
        Assert.Equal(returns, ClickStatistics.HasReturn(session));
    }

    [Fact]
    public void Statistics_rows_come_from_stats_json_and_the_papers_figures_are_quoted()
    {
        var row = DatasetStatistics.FromStats("sample", SampleData.LoadPrepared().Stats);
        Assert.Equal(69_052 + 9_307, row.Clicks);     // train + test sessions after every filter
        Assert.Equal(53_863, row.TrainExamples);
        Assert.Equal(7_298, row.TestExamples);
        Assert.Equal(1_352, row.Items);
        Assert.Equal(4.56, row.AverageLength);

        Assert.Equal(new long?[] { 719_470, 369_859, null }, PublishedStatistics.Paper.Select(r => r.TrainExamples)); // 1/4: not quoted
        // The authors' code gives the paper's example counts, not its Yoochoose item counts.
        Assert.Equal(PublishedStatistics.Paper.Select(r => r.TrainExamples), PublishedStatistics.AuthorsCode.Select(r => r.TrainExamples));
        Assert.Equal(PublishedStatistics.Paper.Select(r => r.TestExamples), PublishedStatistics.AuthorsCode.Select(r => r.TestExamples));
        Assert.Equal([43_097L, 17_377L, 30_444L], PublishedStatistics.AuthorsCode.Select(r => r.Items!.Value));
    }
}
