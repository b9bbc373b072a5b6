using System.Globalization;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>The specification of <see cref="BprMf"/> (Rendle et al., UAI 2009, applied to sessions as Hidasi et al.,
/// ICLR 2016 do): defaults and their sources in docs/BASELINES.md.</summary>
public sealed record BprMfConfig : NeuralBaselineConfig
{
    /// <summary>The <c>"type"</c> of this record in JSON.</summary>
    public const string TypeName = "bprmf";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Name => "BPR-MF";

    /// <summary>The defaults for an item table of <paramref name="itemTableSize"/> rows (n + 1). The session table's
    /// size is the training set's (the model gets it when the trainer binds it).</summary>
    public static BprMfConfig For(int itemTableSize) => new() { ItemTableSize = itemTableSize };

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"BPR-MF, d {HiddenSize}, training sessions as users, BPR loss with one uniform negative, a session scored as the mean of its items' factors");

    /// <inheritdoc />
    public override BprMf Build(long seed = 0, Device? device = null) => Initialized(new BprMf(this), seed, device);
}
