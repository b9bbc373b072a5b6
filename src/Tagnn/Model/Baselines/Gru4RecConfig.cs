using System.Globalization;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// The specification of <see cref="Gru4Rec"/> (Hidasi et al., ICLR 2016, in the later form of Hidasi and Karatzoglou,
/// CIKM 2018): defaults and their sources in docs/BASELINES.md.
/// </summary>
public sealed record Gru4RecConfig : NeuralBaselineConfig
{
    /// <summary>The <c>"type"</c> of this record in JSON.</summary>
    public const string TypeName = "gru4rec";

    /// <summary>Dropout on the input embeddings (GRU4Rec's <c>dropout_p_embed</c>; default 0).</summary>
    public double EmbeddingDropout { get; init; }

    /// <summary>Dropout on the final hidden state before the output layer (GRU4Rec's <c>dropout_p_hidden</c>;
    /// default 0.4).</summary>
    public double HiddenDropout { get; init; } = 0.4;

    /// <inheritdoc />
    [JsonIgnore]
    public override string Name => "GRU4Rec";

    /// <summary>The defaults for an item table of <paramref name="itemTableSize"/> rows (n + 1).</summary>
    public static Gru4RecConfig For(int itemTableSize) => new() { ItemTableSize = itemTableSize };

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"GRU4Rec, d {HiddenSize}, GRU over the clicks, tied item embedding, dropout {HiddenDropout} (final state) / {EmbeddingDropout} (inputs), cross-entropy over all items");

    /// <inheritdoc />
    public override Gru4Rec Build(long seed = 0, Device? device = null) => Initialized(new Gru4Rec(this), seed, device);

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        BaselineChecks.Dropout(nameof(EmbeddingDropout), EmbeddingDropout);
        BaselineChecks.Dropout(nameof(HiddenDropout), HiddenDropout);
    }
}
