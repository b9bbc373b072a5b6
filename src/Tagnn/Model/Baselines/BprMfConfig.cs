using System.Globalization;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>The specification of <see cref="BprMf"/> (Rendle et al., UAI 2009, applied to sessions as Hidasi et al.,
/// ICLR 2016 do): defaults and their sources in docs/BASELINES.md.</summary>
public sealed record BprMfConfig : ModelSpec
{
    /// <summary>The <c>"type"</c> of this record in JSON.</summary>
    public const string TypeName = "bprmf";

    /// <summary>Rows of the item table: n + 1 (row 0 is padding). Scores cover items 1..n.</summary>
    public int ItemTableSize { get; init; }

    /// <summary>d: the factors' width (default 100: the TAGNN paper's d, and GRU4Rec's BPR-MF baseline's).</summary>
    public int HiddenSize { get; init; } = 100;

    /// <inheritdoc />
    [JsonIgnore]
    public override string Name => "BPR-MF";

    /// <inheritdoc />
    [JsonIgnore]
    public override int ItemCount => ItemTableSize - 1;

    /// <summary>The defaults for an item table of <paramref name="itemTableSize"/> rows (n + 1). The session table's
    /// size is the training set's (the model gets it when the trainer binds it).</summary>
    public static BprMfConfig For(int itemTableSize) => new() { ItemTableSize = itemTableSize };

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"BPR-MF, d {HiddenSize}, training sessions as users, BPR loss with one uniform negative, a session scored as the mean of its items' factors");

    /// <inheritdoc />
    public override BprMf Build(long seed = 0, Device? device = null)
    {
        var model = new BprMf(this);
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
