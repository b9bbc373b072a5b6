using System.Diagnostics;
using Tagnn.Data;
using Tagnn.Evaluation;
using Tagnn.Model;
using Tagnn.Model.Baselines;
using Tagnn.Tests.Training;
using Tagnn.Training;
using Xunit.Abstractions;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>Every baseline trains through the shared trainer: it overfits a tiny set, and with cheap settings it beats
/// POP on the bundled sample's planted structure.</summary>
public sealed class BaselineTrainingTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names() => [.. NeuralBaselines.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_overfits_a_tiny_training_set(string name)
    {
        var prepared = TinyData.Prepared(trainSessions: 8, testSessions: 4, items: 20, seed: 3);
        var options = new TrainingOptions
        {
            Epochs = 60, BatchSize = 8, LearningRate = 0.01, LearningRateStep = 1000, WeightDecay = 0, Patience = 1000, Seed = 4, Prefetch = false,
        };
        var data = TrainingData.From(prepared, options);
        var spec = Small(NeuralBaselines.Default(name, data.ItemTableSize), hidden: 16);
        using var trainer = Trainer.Create(spec, data, options);
        var before = ModelEvaluator.Evaluate(trainer.Model, data.Train);
        trainer.Fit();
        var losses = trainer.History.Select(e => e.TrainLoss).ToList();
        var after = ModelEvaluator.Evaluate(trainer.Model, data.Train);
        output.WriteLine($"{name}: loss {losses[0]:F4} -> {losses[^1]:F4}; train HR@5 {before[5].HitRate:F1} -> {after[5].HitRate:F1}, MRR@5 {after[5].Mrr:F1}");
        Assert.True(losses[^1] < 0.25 * losses[0], $"{name}: the training loss fell from {losses[0]} to {losses[^1]} only");
        // Its training targets: almost every training example ranks its next click in the top 5.
        Assert.True(after[5].HitRate >= 90, $"{name}: HR@5 on its own training examples {after[5].HitRate} (before {before[5].HitRate})");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_beats_POP_on_the_sample_with_cheap_settings(string name)
    {
        // Cheap: a fifth of the sample, one epoch at a higher learning rate than the reference's 1e-3.
        var options = new TrainingOptions { Epochs = 1, MaxTrainExamples = 12_000, MaxTestExamples = 2_000, LearningRate = 0.005, Seed = 1, Prefetch = false };
        var data = TrainingData.Load(SampleData.PreparedPath, options);
        var spec = NeuralBaselines.Default(name, data.ItemTableSize);
        var clock = Stopwatch.StartNew();
        using var trainer = Trainer.Create(spec, data, options);
        var history = trainer.Fit();
        var pop = TrainingRun.Baselines(data, sknn: false)["pop"];
        var (p20, mrr20) = (history.Selection.HitRate20, history.Selection.Mrr20);
        output.WriteLine($"{name}: P@20 {p20:F2} MRR@20 {mrr20:F2}; POP {pop.HitRate20:F2} {pop.Mrr20:F2}; {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(p20 > pop.HitRate20 + 3, $"{name}: P@20 {p20:F2}, POP {pop.HitRate20:F2}");
        Assert.True(mrr20 > pop.Mrr20 + 1, $"{name}: MRR@20 {mrr20:F2}, POP {pop.Mrr20:F2}");
    }

    /// <summary>The default specification with d = <paramref name="hidden"/> and no dropout.</summary>
    internal static ModelSpec Small(ModelSpec spec, int hidden) => spec switch
    {
        Gru4RecConfig g => g with { HiddenSize = hidden, HiddenDropout = 0, EmbeddingDropout = 0 },
        NarmConfig n => n with { HiddenSize = hidden, ContextDropout = 0, EmbeddingDropout = 0 },
        StampConfig s => s with { HiddenSize = hidden },
        BprMfConfig b => b with { HiddenSize = hidden },
        FpmcConfig f => f with { HiddenSize = hidden },
        _ => spec,
    };
}
