using Tagnn.Data;
using Tagnn.Model;
using Tagnn.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Training;

/// <summary>Small learnable datasets for training tests: sessions walk mostly to the next item (k -> k + 1), so a
/// model improves within a few epochs; ids of the "click log" are strings "i&lt;k&gt;".</summary>
internal static class TinyData
{
    /// <summary>A prepared dataset of augmented train and test examples in the reference order.</summary>
    public static PreparedDataset Prepared(int trainSessions = 60, int testSessions = 20, int items = 30, int seed = 1)
    {
        var random = new Random(seed);
        SessionDataset Augmented(int sessions)
        {
            var examples = new List<(int, IReadOnlyList<int>)>();
            for (var s = 0; s < sessions; s++)
            {
                var length = random.Next(2, 7);
                var clicks = new int[length];
                clicks[0] = random.Next(1, items + 1);
                for (var i = 1; i < length; i++)
                    clicks[i] = random.NextDouble() < 0.8 ? clicks[i - 1] % items + 1 : random.Next(1, items + 1);
                for (var k = length - 1; k >= 1; k--) examples.Add((clicks[k], clicks[..k]));
            }
            return SessionDataset.FromExamples(examples);
        }
        var train = Augmented(trainSessions);
        var test = Augmented(testSessions);
        var catalog = new ItemCatalog([.. Enumerable.Range(1, items).Select(i => $"i{i}")]);
        var stats = new PreprocessStats("diginetica", null, "tiny", [], 0, "2016-01-08", "2016-01-01", trainSessions, testSessions,
            train.Count, test.Count, items, items, 4, train.MaxPrefixLength, test.MaxPrefixLength);
        return new PreparedDataset("(tiny)", train, test, catalog, stats);
    }

    /// <summary>Writes <see cref="Prepared"/> into a folder and returns it reloaded (so runs record a data path).</summary>
    public static PreparedDataset Saved(string directory, int trainSessions = 60, int testSessions = 20, int items = 30, int seed = 1)
    {
        Prepared(trainSessions, testSessions, items, seed).Save(directory);
        return PreparedDataset.Load(directory);
    }

    /// <summary>Small, fast options: batch 16, 3 epochs.</summary>
    public static TrainingOptions Options(int epochs = 3) => new() { Epochs = epochs, BatchSize = 16, Seed = 7, Prefetch = false };

    /// <summary>A tiny TAGNN configuration (d 8).</summary>
    public static ModelConfig TagnnConfig(int itemTableSize) => ModelConfig.ForTagnn(itemTableSize) with { HiddenSize = 8 };

    /// <summary>Whether two tensors hold the same bits.</summary>
    public static bool BitEqual(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype) return false;
        using var x = a.detach().cpu().contiguous();
        using var y = b.detach().cpu().contiguous();
        return x.bytes.SequenceEqual(y.bytes);
    }

    /// <summary>Asserts that two models' parameters are bit-identical.</summary>
    public static void AssertSameParameters(nn.Module a, nn.Module b)
    {
        var left = a.named_parameters().ToList();
        var right = b.named_parameters().ToList();
        Assert.Equal(left.Select(p => p.name), right.Select(p => p.name));
        for (var i = 0; i < left.Count; i++)
            Assert.True(BitEqual(left[i].parameter, right[i].parameter), $"parameter {left[i].name} differs");
    }

    /// <summary>Asserts that two histories hold the same numbers (timings aside).</summary>
    public static void AssertSameHistory(IReadOnlyList<EpochResult> a, IReadOnlyList<EpochResult> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i] with { TrainSeconds = 0, EvalSeconds = 0, Metrics = null! }, b[i] with { TrainSeconds = 0, EvalSeconds = 0, Metrics = null! });
            Assert.Equal(a[i].Metrics.ToDictionary(), b[i].Metrics.ToDictionary());
        }
    }
}
