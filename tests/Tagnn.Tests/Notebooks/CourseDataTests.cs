using Tagnn.Course;

namespace Tagnn.Tests.Notebooks;

public sealed class CourseDataTests
{
    [Fact]
    public void The_sample_is_the_default_and_a_missing_real_log_says_how_to_get_it()
    {
        Assert.Equal(CourseData.SampleLogPath, CourseData.DigineticaLog());
        Assert.True(File.Exists(CourseData.SampleLogPath));
        Assert.EndsWith(Path.Combine("data", "real", "train-item-views.csv"), CourseData.RealDigineticaPath, StringComparison.Ordinal);
        if (CourseData.HasRealDiginetica)
        {
            Assert.Equal(CourseData.RealDigineticaPath, CourseData.DigineticaLog(real: true));
            return;
        }
        var e = Assert.Throws<FileNotFoundException>(() => CourseData.DigineticaLog(real: true));
        Assert.Contains("data fetch --dataset diginetica", e.Message);
        Assert.Contains("may not be redistributed", e.Message);
        Assert.Equal(CourseData.RealDigineticaPath, e.FileName);
    }
}
