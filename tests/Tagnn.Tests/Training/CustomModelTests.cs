using Tagnn.Evaluation;
using Tagnn.IO;
using Tagnn.Model;
using Tagnn.Tests.Data;
using Tagnn.Tests.Support;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Tests.Training;

/// <summary>A <see cref="SessionRecommender"/> defined in test code goes through everything TAGNN goes through:
/// the trainer, run folders, checkpoints, exact resume, evaluation and recommendations.</summary>
public sealed class CustomModelTests : IDisposable
{
    private readonly TempFolder temp = new();

    public CustomModelTests() => MeanOfEmbeddingsSpec.Register();

    public void Dispose() => temp.Dispose();

    private (RunConfig Config, TrainingData Data) Setup(TrainingOptions options)
    {
        var prepared = TinyData.Saved(temp.Combine("data"));
        var data = TrainingData.From(prepared, options);
        var spec = new MeanOfEmbeddingsSpec(prepared.ItemTableSize, HiddenSize: 8);
        return (new RunConfig { Model = spec, Training = options, Data = RunData.Describe(data) }, data);
    }

    [Fact]
    public void Trains_checkpoints_resumes_bit_for_bit_and_evaluates()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 3) with { Protocol = SelectionProtocol.Validation, ValidationFraction = 0.2 });
        RunSummary straightSummary;
        using (var straight = TrainingRun.Start(temp.Combine("straight"), config, data))
        {
            Assert.IsType<MeanOfEmbeddings>(straight.Trainer.Model);
            straightSummary = straight.Run(sknn: false);
            var losses = straight.Trainer.History.Select(e => e.TrainLoss).ToList();
            Assert.True(losses[^1] < losses[0], $"the loss goes down on learnable data: {string.Join(", ", losses)}");
        }
        using (var first = TrainingRun.Start(temp.Combine("split"), config with { Training = config.Training with { Epochs = 1 } }, data))
            first.Run(sknn: false);
        using var resumed = TrainingRun.Resume(temp.Combine("split"), epochs: 3, command: "resume");
        Assert.Equal(1, resumed.Trainer.CompletedEpochs);
        var resumedSummary = resumed.Run(sknn: false);

        // The run folder records the model by its registered type and reads it back equal.
        var folder = RunFolder.Open(temp.Combine("straight"));
        Assert.Contains($"\"type\": \"{MeanOfEmbeddingsSpec.TypeName}\"", File.ReadAllText(folder.ConfigPath));
        Assert.Equal(config.Model, folder.ReadConfig().Model);
        Assert.Equal("Mean of the clicks' embeddings, d 8", straightSummary.Model);

        // Resumed = straight, bit for bit: weights, Adam's moments, every epoch's numbers, the selection.
        var (straightModel, info) = folder.LoadModel("last");
        using (straightModel)
        {
            Assert.IsType<MeanOfEmbeddings>(straightModel);
            Assert.Equal(3, info.State.CompletedEpochs);
            TinyData.AssertSameParameters(straightModel, resumed.Trainer.Model);
        }
        TinyData.AssertSameHistory(folder.ReadMetrics(), resumed.Folder.ReadMetrics());
        Assert.Equal(straightSummary.Test, resumedSummary.Test);
        Assert.Equal((straightSummary.HitRate20, straightSummary.Mrr20, straightSummary.SelectedEpoch),
            (resumedSummary.HitRate20, resumedSummary.Mrr20, resumedSummary.SelectedEpoch));
        using (var scope = NewDisposeScope())
        {
            var a = Safetensors.Load(folder.LastCheckpointPath);
            var b = Safetensors.Load(resumed.Folder.LastCheckpointPath);
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            Assert.Contains("model.transform.weight", a.Keys);
            foreach (var (name, tensor) in a.Where(p => !p.Key.StartsWith("rng.", StringComparison.Ordinal)))
                Assert.True(TinyData.BitEqual(tensor, b[name]), $"{name} differs");
        }

        // The selected epoch's checkpoint scores the test set as the summary says, better than its initial weights.
        var (best, bestInfo) = folder.LoadModel("best");
        using (best)
        using (var untrained = config.Model.Build(config.Training.Seed))
        {
            Assert.Equal(straightSummary.SelectedEpoch, bestInfo.State.SelectedEpoch);
            var report = ModelEvaluator.Evaluate(best, data.Test, data.Popularity);
            Assert.Equal(straightSummary.Test, report.ToDictionary());
            var before = ModelEvaluator.Evaluate(untrained, data.Test, data.Popularity);
            Assert.True(report[20].Mrr > before[20].Mrr, $"MRR@20 {report[20].Mrr} after training, {before[20].Mrr} before");
        }
    }

    [Fact]
    public void Recommends_without_explanations_and_refuses_the_session_model_features()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 1));
        using (var run = TrainingRun.Start(temp.Combine("run"), config, data)) run.Run(sknn: false);
        var recommender = RunFolder.Open(temp.Combine("run")).LoadRecommender("best");
        using (recommender.Model)
        {
            var result = recommender.Recommend(["i3", "i4", "i5"], k: 4);
            Assert.Equal(4, result.Items.Count);
            Assert.Equal(ExplanationKind.None, result.Explanation);
            Assert.All(result.Items, i => Assert.Empty(i.Explanation));
            Assert.Contains("Mean", result.Note);
            Assert.Contains("not TAGNN or SR-GNN", Assert.Throws<InvalidOperationException>(() => recommender.SessionModel).Message);
        }

        // Reference-named initial weights are a TAGNN/SR-GNN feature.
        var weights = temp.Combine("w.safetensors");
        using (var tagnn = ModelFactory.Create(TinyData.TagnnConfig(config.Model.ItemCount + 1))) tagnn.SaveReferenceWeights(weights);
        var e = Assert.Throws<ArgumentException>(() => TrainingRun.Start(temp.Combine("init"), config with { InitWeights = weights }, data));
        Assert.Contains("reference names", e.Message);
    }

    [Fact]
    public void A_checkpoint_of_another_model_is_refused()
    {
        var (config, data) = Setup(TinyData.Options(epochs: 1));
        using var trainer = Trainer.Create(config.Model, data, config.Training);
        trainer.TrainEpoch();
        var path = temp.Combine("c.safetensors");
        Checkpoint.Save(path, trainer, config);
        using var tagnn = Trainer.Create(TinyData.TagnnConfig(config.Model.ItemCount + 1), data, config.Training);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Restore(path, tagnn));
        Assert.Contains("another model (Mean of the clicks' embeddings, d 8, 30 items)", e.Message);
    }
}
