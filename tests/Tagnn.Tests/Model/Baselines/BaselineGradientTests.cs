using Tagnn.Data;
using Tagnn.Model;
using Tagnn.Model.Baselines;
using TorchSharp;
using static Tagnn.Tests.Model.Baselines.BaselineCases;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>Every baseline's training loss: autograd against finite differences in float64 on a tiny batch (every
/// parameter, dropouts on with the step's masks, weights of order 1), and the parameters follow a dtype move.</summary>
public sealed class BaselineGradientTests
{
    private const int Items = 7;

    // Three training sessions of different lengths (one repeated click): eight examples, padded in one batch.
    private static readonly SessionDataset Train = Augmented([1, 2, 3, 4], [5, 6, 5], [7, 1, 2]);

    public static TheoryData<string> Names() => [.. NeuralBaselines.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_loss_gradients_match_finite_differences(string name)
    {
        var spec = NeuralBaselines.Default(name, Items + 1) switch
        {
            Gru4RecConfig g => g with { HiddenSize = 3, HiddenDropout = 0.3, EmbeddingDropout = 0.2 },
            NarmConfig n => n with { HiddenSize = 3 },
            StampConfig s => s with { HiddenSize = 3 },
            BprMfConfig b => b with { HiddenSize = 3 },
            FpmcConfig f => (ModelSpec)(f with { HiddenSize = 3 }),
            var other => other,
        };
        using var model = spec.Build(seed: 8);
        model.to(ScalarType.Float64);
        model.BindTrainingSet(Train);                                            // BPR-MF and FPMC: makes the session table
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        // Weights of order 1 (STAMP's own initialisation, N(0, 0.002^2) embeddings, leaves gradients near 1e-10,
        // below what finite differences resolve): the check is about the equations, not the initialisation.
        using (var generator = new Generator(8))
        using (no_grad())
        {
            foreach (var p in model.parameters()) p.uniform_(-0.8, 0.8, generator);
        }
        model.train();
        using var batch = Batch(Train);
        var report = GradientCheck.Run(model, batch, new TrainingStepContext(1, 4, 17), new GradientCheckOptions { MaxElementsPerParameter = 48 });
        Assert.True(report.Passed, $"{name}:{Environment.NewLine}{report}");
        Assert.Equal(model.named_parameters().Count(), report.Parameters.Count);
        // The check compared real gradients: the loss depends on most parameters (not on item 0's padding row).
        Assert.True(report.Parameters.Count(p => p.MaxGradient > 1e-6) >= report.Parameters.Count - 1, report.ToString());
    }
}
