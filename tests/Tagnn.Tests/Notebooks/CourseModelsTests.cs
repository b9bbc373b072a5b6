using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Tests.Notebooks;

// Inside the namespace: from code in Tagnn.*, a plain `Course` would name the namespace Tagnn.Course, not the class.
using Tagnn.Course;

public sealed class CourseModelsTests
{
    [Fact]
    public void Trains_once_then_reuses_the_cached_run_and_keys_it_by_everything_that_matters()
    {
        Course.Setup(device: "cpu", threads: 1, quiet: true);
        var options = new TrainingOptions { Epochs = 1, MaxTrainExamples = 300, MaxTestExamples = 100, BatchSize = 50 };
        var model = ModelConfig.ForTagnn(Tagnn.Data.SampleData.LoadPrepared().ItemTableSize) with { HiddenSize = 8 };
        var first = CourseModels.Trained(model, options, baselines: false);
        try
        {
            Assert.StartsWith(Path.Combine(Course.RepoRoot, "artifacts", "course-models"), first.Directory);
            Assert.NotNull(first.ReadSummary());
            var written = File.GetLastWriteTimeUtc(first.SummaryPath);

            var again = CourseModels.Trained(model, options, baselines: false);
            Assert.Equal(first.Directory, again.Directory);
            Assert.Equal(written, File.GetLastWriteTimeUtc(again.SummaryPath)); // reused, not retrained
            Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(first.Directory)!, "*.tmp"));

            var other = CourseModels.Trained(model, options with { Seed = 7 }, baselines: false);
            try { Assert.NotEqual(first.Directory, other.Directory); }
            finally { Directory.Delete(other.Directory, recursive: true); }
        }
        finally
        {
            Directory.Delete(first.Directory, recursive: true);
        }
    }
}
