using System.Globalization;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>The specification of <see cref="Stamp"/> (Liu et al., KDD 2018): defaults and their sources in
/// docs/BASELINES.md.</summary>
public sealed record StampConfig : NeuralBaselineConfig
{
    /// <summary>The <c>"type"</c> of this record in JSON.</summary>
    public const string TypeName = "stamp";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Name => "STAMP";

    /// <summary>The defaults for an item table of <paramref name="itemTableSize"/> rows (n + 1).</summary>
    public static StampConfig For(int itemTableSize) => new() { ItemTableSize = itemTableSize };

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"STAMP, d {HiddenSize}, attention over the clicks w.r.t. the last click and the mean, two MLPs, trilinear scores, cross-entropy over all items");

    /// <inheritdoc />
    public override Stamp Build(long seed = 0, Device? device = null) => Initialized(new Stamp(this), seed, device);
}
