using Plotly.NET;
using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

/// <summary>Histograms: counts of whole numbers with mean and median, overlaid samples.</summary>
public sealed class HistogramsTests
{
    [Fact]
    public void Counts_histogram_counts_each_value_and_marks_mean_and_median()
    {
        var json = GenericChart.toFigureJson(Histograms.Counts([2, 2, 3, 5, 5, 5, 1], "lengths", "clicks"));
        Assert.Contains("\"x\":[1.0,2.0,3.0,5.0]", json);
        Assert.Contains("\"y\":[1.0,2.0,1.0,3.0]", json);
        Assert.Contains("mean 3.29", json);       // 23 / 7
        Assert.Contains("median 3", json);
        Assert.Throws<ArgumentException>(() => Histograms.Counts([], "t", "x"));
    }

    [Fact]
    public void Counts_histogram_can_gather_the_tail_in_one_bar()
    {
        var json = GenericChart.toFigureJson(Histograms.Counts([1, 2, 9, 12], "t", "x", maxValue: 5));
        Assert.Contains("\"x\":[1.0,2.0,6.0]", json);
        Assert.Contains("\"y\":[1.0,1.0,2.0]", json);
        Assert.Contains("\"> 5\"", json);
    }

    [Fact]
    public void Overlaid_histograms_draw_one_trace_per_sample()
    {
        var json = GenericChart.toFigureJson(Histograms.Overlaid([("r", [0.1, 0.5]), ("z", [0.4, 0.6, 0.9])], "gates", "value", bins: 10));
        Assert.Contains("\"type\":\"histogram\"", json);
        Assert.Contains("\"name\":\"r\"", json);
        Assert.Contains("\"x\":[0.4,0.6,0.9]", json);
        Assert.Contains("\"nbinsx\":10", json);
        Assert.Throws<ArgumentException>(() => Histograms.Overlaid([], "t"));
    }
}
