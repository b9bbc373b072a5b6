using System.Globalization;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>The specification of <see cref="Narm"/> (Li et al., CIKM 2017): defaults and their sources in
/// docs/BASELINES.md.</summary>
public sealed record NarmConfig : NeuralBaselineConfig
{
    /// <summary>The <c>"type"</c> of this record in JSON.</summary>
    public const string TypeName = "narm";

    /// <summary>Dropout between the item embeddings and the GRU (NARM: 25 %).</summary>
    public double EmbeddingDropout { get; init; } = 0.25;

    /// <summary>Dropout on the session representation c_t before the bilinear decoder (NARM: 50 %).</summary>
    public double ContextDropout { get; init; } = 0.5;

    /// <inheritdoc />
    [JsonIgnore]
    public override string Name => "NARM";

    /// <summary>The defaults for an item table of <paramref name="itemTableSize"/> rows (n + 1).</summary>
    public static NarmConfig For(int itemTableSize) => new() { ItemTableSize = itemTableSize };

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"NARM, d {HiddenSize}, global + local (attention) encoders, bilinear decoder, dropout {EmbeddingDropout} (embeddings) / {ContextDropout} (c_t)");

    /// <inheritdoc />
    public override Narm Build(long seed = 0, Device? device = null) => Initialized(new Narm(this), seed, device);

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        BaselineChecks.Dropout(nameof(EmbeddingDropout), EmbeddingDropout);
        BaselineChecks.Dropout(nameof(ContextDropout), ContextDropout);
    }
}
