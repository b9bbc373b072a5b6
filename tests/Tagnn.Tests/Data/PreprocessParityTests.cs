using Tagnn.Data;

namespace Tagnn.Tests.Data;

/// <summary>The reference preprocessing reproduces the authors' script byte for byte (fixtures made by SR-GNN's
/// datasets/preprocess.py with TZ=UTC; see Fixtures/preprocess/README.md).</summary>
public sealed class PreprocessParityTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "preprocess");
    private readonly string temp = Directory.CreateTempSubdirectory("tagnn-parity-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void Diginetica_train_and_test_are_byte_identical_to_the_reference()
    {
        var log = ClickLogReader.Read(Path.Combine(Fixtures, "digi-small.csv"), ClickLogLayout.Diginetica);
        var result = Assert.Single(ReferencePreprocessor.Run(log));
        var saved = result.Save(temp);

        AssertSameBytes(Path.Combine(Fixtures, "digi-small.train.expected.tsv"), Path.Combine(temp, "train.tsv"));
        AssertSameBytes(Path.Combine(Fixtures, "digi-small.test.expected.tsv"), Path.Combine(temp, "test.tsv"));
        Assert.Equal(33_379, saved.Train.Count);
        Assert.Equal(4_475, saved.Test.Count);
        Assert.Equal(result.Stats.TrainExamples, saved.Train.Count);
        Assert.Equal(saved.Train.MaxItemId, saved.Items.Count); // every numbered item occurs in train
    }

    [Theory]
    [InlineData("yoochoose1_64", "1_64", 1_226)]
    [InlineData("yoochoose1_4", "1_4", 19_624)]
    public void Yoochoose_fractions_are_byte_identical_to_the_reference(string folder, string suffix, int trainExamples)
    {
        var log = ClickLogReader.Read(Path.Combine(Fixtures, "yoo-small.dat"), ClickLogLayout.Yoochoose);
        var results = ReferencePreprocessor.Run(log);
        Assert.Equal(["yoochoose1_64", "yoochoose1_4"], results.Select(r => r.SubFolder));
        var result = results.Single(r => r.SubFolder == folder);
        result.Save(temp);

        AssertSameBytes(Path.Combine(Fixtures, $"yoo-small.{suffix}.train.expected.tsv"), Path.Combine(temp, folder, "train.tsv"));
        AssertSameBytes(Path.Combine(Fixtures, $"yoo-small.{suffix}.test.expected.tsv"), Path.Combine(temp, folder, "test.tsv"));
        Assert.Equal(trainExamples, result.Train.Count);
        Assert.Equal(2_726, result.Test.Count);
        // Both fractions keep the full train item table.
        Assert.Equal(results[0].Items.Count, results[1].Items.Count);
        Assert.True(result.Stats.ItemsInTrain <= result.Stats.Items);
    }

    private static void AssertSameBytes(string expectedPath, string actualPath)
    {
        var expected = File.ReadAllBytes(expectedPath);
        var actual = File.ReadAllBytes(actualPath);
        if (expected.AsSpan().SequenceEqual(actual)) return;
        var expectedLines = File.ReadAllLines(expectedPath);
        var actualLines = File.ReadAllLines(actualPath);
        for (var i = 0; i < Math.Min(expectedLines.Length, actualLines.Length); i++)
        {
            Assert.True(expectedLines[i] == actualLines[i],
                $"{Path.GetFileName(actualPath)} line {i + 1}: expected '{expectedLines[i]}', got '{actualLines[i]}'.");
        }
        Assert.Fail($"{Path.GetFileName(actualPath)}: {actualLines.Length} lines, expected {expectedLines.Length} (or different line ends).");
    }
}
