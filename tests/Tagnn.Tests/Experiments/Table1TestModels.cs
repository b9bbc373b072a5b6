using System.Runtime.InteropServices;
using Tagnn.Data;
using Tagnn.Evaluation.Baselines;
using Tagnn.Experiments;
using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Tests.Experiments;

/// <summary>Small catalogs for the Table 1 tests: fast models, and models that fail in each way a model can.</summary>
internal static class Table1TestModels
{
    /// <summary>POP, SKNN and a tiny trainable model (<see cref="MeanOfEmbeddings"/>, d 8, batch 16).</summary>
    public static ModelCatalog Small()
    {
        MeanOfEmbeddingsSpec.Register();
        return new ModelCatalog(
        [
            new BaselineEntry("pop", "POP", () => new PopSpec()),
            new BaselineEntry("sknn", "SKNN", () => new SknnSpec()),
            new NeuralEntry("mean", "Mean", n => new MeanOfEmbeddingsSpec(n, 8), o => o with { BatchSize = 16, Prefetch = false }),
        ]);
    }

    /// <summary>A neural model that fails during its first training step, as an out-of-memory error from libtorch does.</summary>
    public static NeuralEntry Exploding(string name = "exploding")
    {
        ExplodingSpec.Register();
        return new NeuralEntry(name, "Exploding", n => new ExplodingSpec(n), o => o with { BatchSize = 16, Prefetch = false });
    }
}

/// <summary>The specification of <see cref="Exploding"/>.</summary>
/// <param name="ItemTableSize">n + 1.</param>
internal sealed record ExplodingSpec(int ItemTableSize) : ModelSpec
{
    public const string Message = "simulated: not enough memory to allocate the scores";

    public static void Register() => Register<ExplodingSpec>("test_exploding");

    public override string Name => "Exploding";

    public override int ItemCount => ItemTableSize - 1;

    public override string Describe() => "fails in its first forward pass";

    public override SessionRecommender Build(long seed = 0, Device? device = null)
    {
        var model = new Exploding(this);
        model.Initialize(seed);
        return model;
    }
}

/// <summary>A model whose forward pass throws (after the run folder exists and training has begun).</summary>
internal sealed class Exploding : SessionRecommender
{
    private readonly Linear layer;

    public Exploding(ExplodingSpec spec) : base(nameof(Exploding), spec)
    {
        layer = nn.Linear(2, 2);
        register_module("layer", layer);
    }

    public override Tensor forward(SessionBatch batch) => throw new ExternalException(ExplodingSpec.Message);

    public override void Initialize(long seed) => InitializeUniform(seed, 0.1);
}

/// <summary>A baseline whose fit throws.</summary>
internal sealed record FailingBaselineSpec : BaselineSpec
{
    public const string Message = "simulated failure while fitting";

    public override string Name => "failing";

    public override ISessionBaseline Fit(SessionDataset train, int itemCount) => throw new InvalidOperationException(Message);

    public override string Describe() => "fails while fitting";
}
