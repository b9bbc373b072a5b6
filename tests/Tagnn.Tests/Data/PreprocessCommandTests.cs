using Tagnn.Cli;
using Tagnn.Data;
using Tagnn.Tests.Support;

namespace Tagnn.Tests.Data;

/// <summary><c>tagnn preprocess</c> end to end, in process.</summary>
public sealed class PreprocessCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static int Run(params string[] args) => TagnnApp.Create().Run(args);

    [Fact]
    public void Preprocesses_the_sample_by_default_and_refuses_a_non_empty_output_without_force()
    {
        var output = temp.Combine("out");
        Assert.Equal(0, Run("preprocess", "--output", output));
        var prepared = PreparedDataset.Load(output);
        Assert.Equal(SampleData.LoadPrepared().Stats, prepared.Stats with { Steps = prepared.Stats.Steps }, new StatsComparer());

        var before = File.ReadAllBytes(Path.Combine(output, "train.tsv"));
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        Assert.Equal(1, Run("preprocess", "--output", output)); // refused: not empty
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
        Assert.Equal(0, Run("preprocess", "--output", output, "--force"));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(output, "train.tsv")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt"))); // only our files are replaced
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }

    [Fact]
    public void Writes_one_folder_per_Yoochoose_fraction()
    {
        var input = Path.Combine(AppContext.BaseDirectory, "Fixtures", "preprocess", "yoo-small.dat");
        var output = temp.Combine("yoo");
        Assert.Equal(0, Run("preprocess", "--dataset", "yoochoose", "--input", input, "--output", output));
        var f64 = PreparedDataset.Load(Path.Combine(output, "yoochoose1_64"));
        var f4 = PreparedDataset.Load(Path.Combine(output, "yoochoose1_4"));
        Assert.Equal(("1/64", "1/4"), (f64.Stats.Fraction, f4.Stats.Fraction));
        Assert.Equal(f64.Items.Count, f4.Items.Count);
    }

    [Fact]
    public void Bad_input_fails_with_exit_code_1_and_writes_nothing()
    {
        var input = temp.File("bad.csv", "sessionId;userId;itemId;timeframe;eventdate\n1;NA;10;x;2016-01-01\n");
        var output = temp.Combine("out");
        Assert.Equal(1, Run("preprocess", "--input", input, "--output", output));
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
        // Settings validation (TagnnApp propagates exceptions, so it surfaces as Spectre's CommandRuntimeException).
        var e = Assert.Throws<Spectre.Console.Cli.CommandRuntimeException>(() => Run("preprocess", "--dataset", "movielens"));
        Assert.Contains("--dataset must be diginetica or yoochoose", e.Message);
    }

    [Fact]
    public void A_disk_full_after_train_tsv_leaves_no_output_folder_and_the_next_run_is_not_refused()
    {
        var output = temp.Combine("out");
        var trainBytes = new FileInfo(Path.Combine(SampleData.PreparedPath, PreparedDataset.TrainFile)).Length;
        using (var disk = new SimulatedDiskFull(trainBytes + 10)) // train.tsv fits, test.tsv does not
        {
            Assert.Equal(1, Run("preprocess", "--output", output));
            Assert.Equal(1, disk.Refusals);
        }
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path)); // no temporary folder left either
        Assert.Equal(0, Run("preprocess", "--output", output));
        Assert.Equal(File.ReadAllBytes(Path.Combine(SampleData.PreparedPath, PreparedDataset.TrainFile)),
            File.ReadAllBytes(Path.Combine(output, PreparedDataset.TrainFile)));
    }

    [Fact]
    public void A_disk_full_in_the_second_Yoochoose_fraction_leaves_neither_fraction()
    {
        var input = Path.Combine(AppContext.BaseDirectory, "Fixtures", "preprocess", "yoo-small.dat");
        var complete = temp.Combine("complete");
        Assert.Equal(0, Run("preprocess", "--dataset", "yoochoose", "--input", input, "--output", complete));
        var firstFraction = Directory.GetFiles(Path.Combine(complete, "yoochoose1_64")).Sum(f => new FileInfo(f).Length);
        var output = temp.Combine("out");
        using (var disk = new SimulatedDiskFull(firstFraction + 10)) // yoochoose1_64 is written, yoochoose1_4 is not
        {
            Assert.Equal(1, Run("preprocess", "--dataset", "yoochoose", "--input", input, "--output", output));
            Assert.Equal(1, disk.Refusals);
        }
        Assert.False(Directory.Exists(output));
        Assert.Equal(["complete"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    private sealed class StatsComparer : IEqualityComparer<PreprocessStats>
    {
        public bool Equals(PreprocessStats? x, PreprocessStats? y) =>
            x is not null && y is not null && x.TrainExamples == y.TrainExamples && x.TestExamples == y.TestExamples
            && x.Items == y.Items && x.SplitDate == y.SplitDate && x.Steps.SequenceEqual(y.Steps);

        public int GetHashCode(PreprocessStats obj) => obj.TrainExamples;
    }
}
