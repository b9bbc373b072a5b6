using Tagnn.Cli;
using Tagnn.Data;
using Tagnn.IO;
using Tagnn.Tests.Support;

namespace Tagnn.Tests.Data;

public sealed class ConvertCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static int Run(params string[] args) => TagnnApp.Create().Run(args);

    [Fact]
    public void Tsv_to_pickle_to_tsv_gives_back_the_same_examples_and_recovers_the_statistics()
    {
        var pickles = temp.Combine("srgnn");
        var back = temp.Combine("back");
        Assert.Equal(0, Run("convert", "--from", "tsv", "--to", "pickle", "--output", pickles));
        Assert.Equal(0, Run("convert", "--from", "pickle", "--to", "tsv", "--input", pickles, "--output", back));
        var sample = SampleData.LoadPrepared();
        var converted = PreparedDataset.Load(back);
        Assert.Equal(File.ReadAllBytes(Path.Combine(SampleData.PreparedPath, "train.tsv")), File.ReadAllBytes(Path.Combine(back, "train.tsv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(SampleData.PreparedPath, "test.tsv")), File.ReadAllBytes(Path.Combine(back, "test.tsv")));
        // Recoverable statistics match the preprocessing's; what the pickle cannot carry is marked unknown.
        Assert.Equal(sample.Stats.TrainSessions, converted.Stats.TrainSessions);
        Assert.Equal(sample.Stats.TestSessions, converted.Stats.TestSessions);
        Assert.Equal(sample.Stats.AverageLength, converted.Stats.AverageLength, 12);
        Assert.Equal(sample.Items.Count, converted.Items.Count);
        Assert.Equal("17", converted.Items.OriginalId(17));
        Assert.Equal("unknown", converted.Stats.SplitDate);
        Assert.Contains("no original item ids", converted.Stats.Note);
    }

    [Fact]
    public void Pickle_to_tsv_takes_a_catalog_or_an_item_count()
    {
        var pickles = temp.Combine("srgnn");
        PickleConversion.ToSrGnn(SampleData.LoadPrepared(), pickles);
        var withCatalog = temp.Combine("cat");
        Assert.Equal(0, Run("convert", "--from", "pickle", "--to", "tsv", "--input", pickles, "--output", withCatalog,
            "--catalog", Path.Combine(SampleData.PreparedPath, "items.tsv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(SampleData.PreparedPath, "items.tsv")), File.ReadAllBytes(Path.Combine(withCatalog, "items.tsv")));

        var wider = temp.Combine("wide");
        Assert.Equal(0, Run("convert", "--from", "pickle", "--to", "tsv", "--input", pickles, "--output", wider, "--items", "5000"));
        Assert.Equal(5000, PreparedDataset.Load(wider).Items.Count);
        Assert.Equal(1, Run("convert", "--from", "pickle", "--to", "tsv", "--input", pickles, "--output", temp.Combine("narrow"), "--items", "10"));
    }

    [Fact]
    public void A_disk_full_in_either_direction_leaves_no_output_folder()
    {
        var pickles = temp.Combine("srgnn");
        Assert.Equal(0, Run("convert", "--from", "tsv", "--to", "pickle", "--output", pickles));
        var trainPickle = new FileInfo(Path.Combine(pickles, PickleConversion.TrainPickle)).Length;
        var trainTsv = new FileInfo(Path.Combine(SampleData.PreparedPath, PreparedDataset.TrainFile)).Length;

        var toPickle = temp.Combine("to-pickle");
        using (var disk = new SimulatedDiskFull(trainPickle + 10)) // train.txt fits, test.txt does not
        {
            Assert.Equal(1, Run("convert", "--from", "tsv", "--to", "pickle", "--output", toPickle));
            Assert.Equal(1, disk.Refusals);
        }
        Assert.False(Directory.Exists(toPickle));

        var toTsv = temp.Combine("to-tsv");
        using (var disk = new SimulatedDiskFull(trainTsv + 10)) // train.tsv fits, test.tsv does not
        {
            Assert.Equal(1, Run("convert", "--from", "pickle", "--to", "tsv", "--input", pickles, "--output", toTsv));
            Assert.Equal(1, disk.Refusals);
        }
        Assert.False(Directory.Exists(toTsv));
        Assert.Equal(["srgnn"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_pickle_with_an_item_id_far_beyond_its_distinct_items_is_refused_and_nothing_is_written()
    {
        // Two one-example pickles, one target id 50,000,000: the item table would have 50 M rows (an 877 MB items.tsv).
        var folder = temp.Combine("huge");
        SrGnnPickle.Write(Path.Combine(folder, PickleConversion.TrainPickle), new SrGnnExamples([1], [0, 1], [50_000_000]));
        SrGnnPickle.Write(Path.Combine(folder, PickleConversion.TestPickle), new SrGnnExamples([1], [0, 1], [2]));
        var output = temp.Combine("out");
        var e = Assert.Throws<InvalidDataException>(() => PickleConversion.FromSrGnn(folder, output));
        Assert.StartsWith(Path.Combine(folder, PickleConversion.TrainPickle) + ": item id 50000000 is far beyond the 3 distinct item ids", e.Message);
        Assert.Contains("--items 50000000", e.Message);
        Assert.False(Directory.Exists(output));
        Assert.Equal(1, Run("convert", "--from", "pickle", "--to", "tsv", "--input", folder, "--output", output));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_explicit_item_count_accepts_ids_beyond_the_limit()
    {
        var folder = temp.Combine("sparse");
        var id = (int)PickleConversion.LargestIdAccepted(3) + 1; // 3 distinct ids: 1, 2 and this one
        SrGnnPickle.Write(Path.Combine(folder, PickleConversion.TrainPickle), new SrGnnExamples([1], [0, 1], [id]));
        SrGnnPickle.Write(Path.Combine(folder, PickleConversion.TestPickle), new SrGnnExamples([1], [0, 1], [2]));
        Assert.Equal(1, Run("convert", "--from", "pickle", "--to", "tsv", "--input", folder, "--output", temp.Combine("refused")));
        var output = temp.Combine("accepted");
        Assert.Equal(0, Run("convert", "--from", "pickle", "--to", "tsv", "--input", folder, "--output", output,
            "--items", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(id, PreparedDataset.Load(output).Items.Count);
    }

    [Fact]
    public void A_malicious_pickle_is_refused_with_exit_code_1()
    {
        var folder = temp.Combine("evil");
        Directory.CreateDirectory(folder);
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "pickle");
        File.Copy(Path.Combine(fixtures, "malicious.p2.pkl"), Path.Combine(folder, "train.txt"));
        File.Copy(Path.Combine(fixtures, "small.p2.pkl"), Path.Combine(folder, "test.txt"));
        Assert.Equal(1, Run("convert", "--from", "pickle", "--to", "tsv", "--input", folder, "--output", temp.Combine("out")));
        Assert.False(File.Exists(temp.Combine("out", "train.tsv")));
    }
}
