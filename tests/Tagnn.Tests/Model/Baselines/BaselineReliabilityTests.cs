using Tagnn.IO;
using Tagnn.Model;
using Tagnn.Model.Baselines;
using Tagnn.Tests.Data;
using Tagnn.Tests.Training;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>The run's reliability machinery (issue 9) holds for every neural baseline, not only for TAGNN: checkpoints
/// carry checksums that refuse a damaged tensor by name, and a NaN stops the run at its epoch and step with the last
/// good checkpoint kept.</summary>
public sealed class BaselineReliabilityTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string> Names() => [.. NeuralBaselines.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Checkpoints_are_checksummed_and_a_nan_stops_the_run_keeping_the_last_good_one(string name)
    {
        var prepared = TinyData.Saved(temp.Combine("data"));
        var options = TinyData.Options(epochs: 1);
        var data = TrainingData.From(prepared, options);
        var spec = NeuralBaselines.Default(name, data.ItemTableSize) switch
        {
            Gru4RecConfig g => g with { HiddenSize = 8 },
            NarmConfig n => n with { HiddenSize = 8 },
            StampConfig s => s with { HiddenSize = 8 },
            BprMfConfig b => b with { HiddenSize = 8 },
            FpmcConfig f => (ModelSpec)(f with { HiddenSize = 8 }),
            var other => other,
        };
        var folder = temp.Combine("run");
        using (var first = TrainingRun.Start(folder, new RunConfig { Model = spec, Training = options, Data = RunData.Describe(data) }, data))
            first.Run(sknn: false);
        var checkpoint = RunFolder.Open(folder).LastCheckpointPath;
        var header = Safetensors.ReadHeader(checkpoint);
        Assert.True(header.HasChecksums, $"{name}: its checkpoint has no checksums");
        Assert.Contains(header.Entries, e => e.Name.StartsWith("model.", StringComparison.Ordinal));

        // A NaN weight (what a far too large step does) stops the resumed run at epoch 1, step 1; the checkpoint stays.
        var lastGood = File.ReadAllBytes(checkpoint);
        using (var run = TrainingRun.Resume(folder, epochs: 2))
        {
            using (no_grad()) run.Trainer.Model.parameters().First().fill_(double.NaN);
            var e = Assert.Throws<TrainingDivergedException>(() => run.Run(sknn: false));
            Assert.Equal((1, 1), (e.Epoch, e.Step));
            Assert.Equal(lastGood, File.ReadAllBytes(checkpoint));
        }

        // One flipped bit in a model tensor: the load names the file and the tensor.
        var entry = header.Entries.First(e => e.Name.StartsWith("model.", StringComparison.Ordinal) && e.End > e.Begin);
        var bytes = (byte[])lastGood.Clone();
        bytes[header.DataStart + entry.Begin] ^= 0x01;
        File.WriteAllBytes(checkpoint, bytes);
        using var scope = NewDisposeScope();
        var damaged = Assert.Throws<InvalidDataException>(() => Safetensors.Load(checkpoint));
        Assert.Contains(checkpoint, damaged.Message);
        Assert.Contains($"tensor '{entry.Name}' is damaged", damaged.Message);
    }
}
