using Tagnn.Cli;
using Tagnn.Data;
using Tagnn.IO;

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
