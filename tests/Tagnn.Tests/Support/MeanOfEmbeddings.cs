using Tagnn.Graphs;
using Tagnn.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Tagnn.Tests.Support;

/// <summary>The specification of <see cref="MeanOfEmbeddings"/>, a model defined outside the library.</summary>
/// <param name="ItemTableSize">Rows of the item table (n + 1).</param>
/// <param name="HiddenSize">d.</param>
internal sealed record MeanOfEmbeddingsSpec(int ItemTableSize, int HiddenSize) : ModelSpec
{
    public const string TypeName = "test_mean_of_embeddings";

    /// <summary>Makes the record known to JSON (idempotent).</summary>
    public static void Register() => Register<MeanOfEmbeddingsSpec>(TypeName);

    public override string Name => "Mean";

    public override int ItemCount => ItemTableSize - 1;

    public override string Describe() => $"Mean of the clicks' embeddings, d {HiddenSize}";

    public override MeanOfEmbeddings Build(long seed = 0, Device? device = null)
    {
        var model = new MeanOfEmbeddings(this);
        model.Initialize(seed);
        if (device is not null && device.type != DeviceType.CPU) model.to(device);
        return model;
    }
}

/// <summary>
/// A minimal <see cref="SessionRecommender"/> written against the public API only: the session is a linear map of
/// the mean of its clicks' embeddings, scored against every item's embedding. It looks embeddings up with
/// <see cref="EmbeddingLookup"/> (what <c>nn.Embedding</c> computes, and it also runs on the meta device).
/// </summary>
internal sealed class MeanOfEmbeddings : SessionRecommender
{
    private readonly Embedding embedding;
    private readonly Linear transform;
    private readonly int hidden;

    public MeanOfEmbeddings(MeanOfEmbeddingsSpec spec) : base(nameof(MeanOfEmbeddings), spec)
    {
        hidden = spec.HiddenSize;
        embedding = nn.Embedding(spec.ItemTableSize, spec.HiddenSize);
        transform = nn.Linear(spec.HiddenSize, spec.HiddenSize);
        register_module("embedding", embedding);
        register_module("transform", transform);
    }

    public override Tensor forward(SessionBatch batch)
    {
        CheckDevice(batch);
        using var scope = NewDisposeScope();
        var clicks = batch.Items.gather(1, batch.Alias);                                   // (B, L) item ids
        var mask = batch.Mask.unsqueeze(2);                                                // (B, L, 1)
        var mean = (EmbeddingLookup.Rows(embedding.weight!, clicks) * mask).sum(1) / mask.sum(1); // (B, d)
        var session = transform.call(mean);                                                // (B, d)
        var candidates = embedding.weight!.narrow(0, 1, ItemCount);                        // (N, d)
        return session.mm(candidates.t()).MoveToOuterDisposeScope();                       // (B, N)
    }

    public override void Initialize(long seed) => InitializeUniform(seed, 1.0 / Math.Sqrt(hidden));
}
