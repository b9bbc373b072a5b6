using System.Globalization;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>The specification of <see cref="Stamp"/> (Liu et al., KDD 2018): defaults and their sources in
/// docs/BASELINES.md.</summary>
public sealed record StampConfig : ModelSpec
{
    /// <summary>The <c>"type"</c> of this record in JSON.</summary>
    public const string TypeName = "stamp";

    /// <summary>Rows of the item table: n + 1 (row 0 is padding). Scores cover items 1..n.</summary>
    public int ItemTableSize { get; init; }

    /// <summary>d: the item embedding's width, and of every hidden vector (default 100: the TAGNN paper's d and
    /// STAMP's own).</summary>
    public int HiddenSize { get; init; } = 100;

    /// <inheritdoc />
    [JsonIgnore]
    public override string Name => "STAMP";

    /// <inheritdoc />
    [JsonIgnore]
    public override int ItemCount => ItemTableSize - 1;

    /// <summary>The defaults for an item table of <paramref name="itemTableSize"/> rows (n + 1).</summary>
    public static StampConfig For(int itemTableSize) => new() { ItemTableSize = itemTableSize };

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"STAMP, d {HiddenSize}, attention over the clicks w.r.t. the last click and the mean, two MLPs, trilinear scores, cross-entropy over all items");

    /// <inheritdoc />
    public override Stamp Build(long seed = 0, Device? device = null)
    {
        var model = new Stamp(this);
        model.Initialize(seed);
        if (device is not null && device.type != DeviceType.CPU) model.to(device);
        return model;
    }

    /// <inheritdoc />
    public override void Validate()
    {
        BaselineChecks.ItemTable(ItemTableSize, 2);
        BaselineChecks.Hidden(HiddenSize);
    }
}
