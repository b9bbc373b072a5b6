using Tagnn.Data;
using Tagnn.IO;

namespace Tagnn.Tests.Data;

/// <summary>SR-GNN pickle interop against real pickles made by CPython 3.11 (Fixtures/pickle/make_fixtures.py).</summary>
public sealed class SrGnnPickleTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "pickle");
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static string Fixture(string name) => Path.Combine(Fixtures, name);

    [Theory]
    [InlineData("small.p0.pkl")]
    [InlineData("small.p2.pkl")]
    [InlineData("small.p4.pkl")]
    [InlineData("small.p5.pkl")]
    public void Reads_what_python_pickles_in_every_protocol(string name)
    {
        var expected = ExamplesFile.Read(Fixture("small.expected.tsv"));
        var actual = PickleConversion.ReadPickle(Fixture(name));
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Targets.ToArray(), actual.Targets.ToArray());
        Assert.Equal(expected.Offsets.ToArray(), actual.Offsets.ToArray());
        Assert.Equal(expected.PrefixItems.ToArray(), actual.PrefixItems.ToArray());
        Assert.Equal(int.MaxValue, actual.MaxItemId);
    }

    [Fact]
    public void Writes_protocol_2_byte_for_byte_as_python_does()
    {
        var dataset = ExamplesFile.Read(Fixture("small.expected.tsv"));
        Assert.Equal(File.ReadAllBytes(Fixture("small.p2.pkl")), SrGnnPickle.ToBytes(PickleConversion.ToExamples(dataset)));
        var path = temp.Combine("train.txt");
        PickleConversion.WritePickle(path, dataset);
        Assert.Equal(File.ReadAllBytes(Fixture("small.p2.pkl")), File.ReadAllBytes(path));
    }

    [Fact]
    public void Round_trips_the_reference_parity_train_set()
    {
        var dataset = ExamplesFile.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "preprocess", "digi-small.train.expected.tsv"));
        var back = PickleConversion.ToDataset(SrGnnPickle.Parse(SrGnnPickle.ToBytes(PickleConversion.ToExamples(dataset)), "memory"));
        Assert.Equal(dataset.PrefixItems.ToArray(), back.PrefixItems.ToArray());
        Assert.Equal(dataset.Offsets.ToArray(), back.Offsets.ToArray());
        Assert.Equal(dataset.Targets.ToArray(), back.Targets.ToArray());
    }

    [Fact]
    public void Refuses_a_malicious_pickle_at_GLOBAL_before_running_anything()
    {
        // ([[1, 2]], [Evil()]) where Evil.__reduce__ returns (os.system, ('echo pwned',)): GLOBAL 'posix system' + REDUCE.
        var e = Assert.Throws<PickleException>(() => SrGnnPickle.Read(Fixture("malicious.p2.pkl")));
        Assert.Equal(18, e.Offset);
        Assert.StartsWith("opcode GLOBAL ('c' 0x63) is not allowed", e.Problem);
        Assert.Contains("malicious.p2.pkl: byte 18:", e.Message);
    }

    [Fact]
    public void Refuses_a_protocol_4_malicious_pickle_at_its_first_foreign_opcode()
    {
        // Protocol 4 spells the import as SHORT_BINUNICODE 'posix', SHORT_BINUNICODE 'system', STACK_GLOBAL.
        var e = Assert.Throws<PickleException>(() => SrGnnPickle.Read(Fixture("malicious.p4.pkl")));
        Assert.Contains("SHORT_BINUNICODE", e.Problem);
        Assert.Contains("is not allowed", e.Problem);
    }

    [Theory]
    [InlineData("dict.pkl", "opcode EMPTY_DICT")]
    [InlineData("list.pkl", "expected a tuple (prefixes, targets), found a list of 2")]
    [InlineData("mismatch.pkl", "2 prefixes but 1 targets")]
    [InlineData("bigint.pkl", "item id 1099511627776")]
    public void Refuses_data_that_is_not_a_SR_GNN_dataset(string name, string problem)
    {
        var e = Assert.Throws<PickleException>(() => SrGnnPickle.Read(Fixture(name)));
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Reports_a_truncated_pickle()
    {
        var bytes = File.ReadAllBytes(Fixture("small.p2.pkl"));
        var e = Assert.Throws<PickleException>(() => SrGnnPickle.Parse(bytes.AsSpan(0, bytes.Length - 1), "cut.pkl"));
        Assert.Contains("without STOP", e.Problem);
        var e2 = Assert.Throws<PickleException>(() => SrGnnPickle.Parse(bytes.AsSpan(0, 4), "cut.pkl"));
        Assert.Contains("truncated", e2.Problem);
    }
}
