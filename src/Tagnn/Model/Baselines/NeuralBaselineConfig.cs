using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// What the five neural baselines' specifications share: the item table, the width d, the item count, building the
/// model on a device, and the checks of those settings. Each derived record adds its own settings, name and
/// description (defaults and their sources in docs/BASELINES.md).
/// </summary>
public abstract record NeuralBaselineConfig : ModelSpec
{
    /// <summary>Rows of the item table: n + 1 (row 0 is padding). Scores cover items 1..n.</summary>
    [JsonPropertyOrder(-2)]   // first in config.json, as before the settings moved here
    public int ItemTableSize { get; init; }

    /// <summary>d: the width of the item embeddings (or factors) and of every hidden vector (default 100: the TAGNN
    /// paper's d; each baseline's source in docs/BASELINES.md).</summary>
    [JsonPropertyOrder(-1)]
    public int HiddenSize { get; init; } = 100;

    /// <inheritdoc />
    [JsonIgnore]
    public override int ItemCount => ItemTableSize - 1;

    /// <inheritdoc />
    public override void Validate()
    {
        BaselineChecks.ItemTable(ItemTableSize, 2);
        BaselineChecks.Hidden(HiddenSize);
    }

    /// <summary>Initialises <paramref name="model"/> from <paramref name="seed"/> on the CPU, then moves it to
    /// <paramref name="device"/> (the order every <see cref="ModelSpec.Build"/> of a baseline follows).</summary>
    protected static TModel Initialized<TModel>(TModel model, long seed, Device? device) where TModel : SessionRecommender
    {
        model.Initialize(seed);
        if (device is not null && device.type != DeviceType.CPU) model.to(device);
        return model;
    }
}
