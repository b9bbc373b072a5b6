using Tagnn.IO;
using Tagnn.Model;
using Tagnn.Model.Baselines;
using Tagnn.Tests.Data;
using Tagnn.Tests.Training;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>A sampled model (BPR-MF: negatives) and a GRU model with dropout (GRU4Rec: masks) go through run folders
/// and checkpoints, and a run resumed from its checkpoint ends bit for bit where a straight run ends.</summary>
public sealed class BaselineRunTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("bprmf")]
    [InlineData("gru4rec")]
    public void A_resumed_run_equals_a_straight_run_bit_for_bit(string name)
    {
        var prepared = TinyData.Saved(temp.Combine("data"));
        var options = TinyData.Options(epochs: 3) with { Protocol = SelectionProtocol.Validation, ValidationFraction = 0.2 };
        var data = TrainingData.From(prepared, options);
        var spec = NeuralBaselines.Default(name, data.ItemTableSize) switch
        {
            Gru4RecConfig g => g with { HiddenSize = 8 },                       // dropout 0.4 on: masks must repeat too
            BprMfConfig b => (ModelSpec)(b with { HiddenSize = 8 }),
            var other => other,
        };
        var config = new RunConfig { Model = spec, Training = options, Data = RunData.Describe(data) };

        RunSummary straightSummary;
        using (var straight = TrainingRun.Start(temp.Combine("straight"), config, data))
            straightSummary = straight.Run(sknn: false);
        using (var first = TrainingRun.Start(temp.Combine("split"), config with { Training = options with { Epochs = 1 } }, data))
            first.Run(sknn: false);
        using var resumed = TrainingRun.Resume(temp.Combine("split"), epochs: 3, command: "resume");
        Assert.Equal(1, resumed.Trainer.CompletedEpochs);
        var resumedSummary = resumed.Run(sknn: false);

        var folder = RunFolder.Open(temp.Combine("straight"));
        Assert.Contains($"\"type\": \"{name}\"", File.ReadAllText(folder.ConfigPath));
        Assert.Equal(spec, folder.ReadConfig().Model);
        TinyData.AssertSameHistory(folder.ReadMetrics(), resumed.Folder.ReadMetrics());
        Assert.Equal(straightSummary.Test, resumedSummary.Test);
        var losses = folder.ReadMetrics().Select(e => e.TrainLoss).ToList();
        Assert.True(losses[^1] < losses[0], $"{name}: the loss goes down on learnable data: {string.Join(", ", losses)}");
        using (var scope = NewDisposeScope())
        {
            var a = Safetensors.Load(folder.LastCheckpointPath);
            var b = Safetensors.Load(resumed.Folder.LastCheckpointPath);
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            Assert.Contains(a.Keys, k => k.StartsWith("model.items", StringComparison.Ordinal));
            foreach (var (key, tensor) in a.Where(p => !p.Key.StartsWith("rng.", StringComparison.Ordinal)))
                Assert.True(TinyData.BitEqual(tensor, b[key]), $"{key} differs");
        }

        // The checkpoint loads as the same model and scores the test set as the summary says.
        var (best, _) = folder.LoadModel("best");
        using (best)
        {
            Assert.Equal(spec, best.Spec);
            var report = Tagnn.Evaluation.ModelEvaluator.Evaluate(best, data.Test, data.Popularity);
            Assert.Equal(straightSummary.Test, report.ToDictionary());
        }
    }
}
