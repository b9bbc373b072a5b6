using Tagnn.Evaluation;
using Tagnn.IO;
using Tagnn.Model;
using Tagnn.Model.Variants;
using Tagnn.Tests.Data;
using Tagnn.Tests.Support;
using Tagnn.Tests.Training;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Variants;

/// <summary>A variant defined in test code (through <see cref="Part"/> and <see cref="VariantSpec"/>) trains,
/// checkpoints, resumes bit for bit and evaluates through the public API, and its run folder says what it was.</summary>
public sealed class VariantTrainingTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string> Providers => [nameof(RecencyVariant), nameof(ConcatVariant)];

    private static VariantSpec Variant(string provider, int itemTableSize) => provider switch
    {
        nameof(RecencyVariant) => new RecencyVariant().Create(TinyData.TagnnConfig(itemTableSize)),                      // generic path
        _ => new ConcatVariant().Create(ModelConfig.ForTagnn(itemTableSize, Formulation.Paper) with { HiddenSize = 8 }), // fused path
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_variant_trains_checkpoints_resumes_bit_for_bit_and_evaluates(string provider)
    {
        var options = TinyData.Options(epochs: 3) with { Protocol = SelectionProtocol.Validation, ValidationFraction = 0.2 };
        var prepared = TinyData.Saved(temp.Combine("data"));
        var data = TrainingData.From(prepared, options);
        var spec = Variant(provider, prepared.ItemTableSize);
        var config = new RunConfig { Model = spec, Training = options, Data = RunData.Describe(data) };

        RunSummary straightSummary;
        using (var straight = TrainingRun.Start(temp.Combine("straight"), config, data))
        {
            Assert.Same(spec, straight.Trainer.Model.Spec);
            straightSummary = straight.Run(sknn: false);
            var losses = straight.Trainer.History.Select(e => e.TrainLoss).ToList();
            Assert.True(losses[^1] < losses[0], $"the loss goes down: {string.Join(", ", losses)}");
        }
        using (var first = TrainingRun.Start(temp.Combine("split"), config with { Training = options with { Epochs = 1 } }, data))
            first.Run(sknn: false);
        using var resumed = TrainingRun.Resume(temp.Combine("split"), epochs: 3, command: "resume");
        var resumedSummary = resumed.Run(sknn: false);

        // config.json says what the variant was, and reads back equal.
        var folder = RunFolder.Open(temp.Combine("straight"));
        var json = File.ReadAllText(folder.ConfigPath);
        var part = spec.Parts.Single();
        Assert.Contains("\"type\": \"variant\"", json);
        foreach (var text in new[] { part.Name, part.Fingerprint, part.Type, "Tagnn.Tests", part.Description!, "\"base\": {", "\"hidden_size\": 8" })
            Assert.Contains(text, json);
        Assert.Equal(spec, folder.ReadConfig().Model);
        Assert.StartsWith($"{spec.VariantName}: variant of TAGNN", straightSummary.Model);
        Assert.Contains($"= {part.Name} ({part.Description}; code {part.Fingerprint[..8]})", straightSummary.Model);

        // Resumed = straight, bit for bit.
        TinyData.AssertSameHistory(folder.ReadMetrics(), resumed.Folder.ReadMetrics());
        Assert.Equal(straightSummary.Test, resumedSummary.Test);
        using (var scope = NewDisposeScope())
        {
            var a = Safetensors.Load(folder.LastCheckpointPath);
            var b = Safetensors.Load(resumed.Folder.LastCheckpointPath);
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            foreach (var (name, tensor) in a.Where(p => !p.Key.StartsWith("rng.", StringComparison.Ordinal)))
                Assert.True(TinyData.BitEqual(tensor, b[name]), $"{name} differs");
        }

        // The selected checkpoint loads as the variant and scores the test set as the summary says.
        var (best, _) = folder.LoadModel("best");
        using (best)
        {
            var model = Assert.IsType<SessionModel>(best);
            Assert.Equal(spec, model.Spec);
            Assert.Equal(straightSummary.Test, ModelEvaluator.Evaluate(best, data.Test, data.Popularity).ToDictionary());
        }
    }

    [Fact]
    public void A_variants_parameters_keep_their_part_prefix_and_the_reference_names_stay()
    {
        using var scope = NewDisposeScope();
        using var model = Variant(nameof(RecencyVariant), 31).Build(seed: 2);
        var names = model.CheckpointTensors().Select(p => p.Name).ToList();
        Assert.Contains("target_attention.w.weight", names);
        Assert.Contains("target_attention.prior.weight", names);
        Assert.DoesNotContain("linear_t.weight", names);
        Assert.Contains("linear_one.weight", names);           // built-in readout: the reference's flat names
        Assert.Contains("linear_transform.weight", names);
        Assert.Equal(names.Count, names.Distinct().Count());
        // Every tensor seeded: same seed, same weights; the variant's too.
        using var again = Variant(nameof(RecencyVariant), 31).Build(seed: 2);
        TinyData.AssertSameParameters(model, again);
        using var other = Variant(nameof(RecencyVariant), 31).Build(seed: 3);
        var prior = (Name: "target_attention.prior.weight", A: model.CheckpointTensors().Single(p => p.Name == "target_attention.prior.weight").Tensor);
        Assert.False(TinyData.BitEqual(prior.A, other.CheckpointTensors().Single(p => p.Name == prior.Name).Tensor));
        Assert.True(prior.A.abs().max().item<float>() <= 1 / Math.Sqrt(8) + 1e-6);
        // The built-in accessors say where a variant replaced the part.
        var e = Assert.Throws<InvalidOperationException>(() => model.TargetAttention);
        Assert.Contains(typeof(RecencyTargetAttention).FullName!, e.Message);
        Assert.True(model.HasTargetAttention);
    }
}
