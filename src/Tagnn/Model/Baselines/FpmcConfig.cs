using System.Globalization;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>The specification of <see cref="Fpmc"/> (Rendle et al., WWW 2010), with the last click as the basket and
/// the training sessions as users: defaults and their sources in docs/BASELINES.md.</summary>
public sealed record FpmcConfig : NeuralBaselineConfig
{
    /// <summary>The <c>"type"</c> of this record in JSON.</summary>
    public const string TypeName = "fpmc";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Name => "FPMC";

    /// <summary>The defaults for an item table of <paramref name="itemTableSize"/> rows (n + 1). The session table's
    /// size is the training set's (the model gets it when the trainer binds it).</summary>
    public static FpmcConfig For(int itemTableSize) => new() { ItemTableSize = itemTableSize };

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"FPMC, d {HiddenSize}, last click as the basket, training sessions as users (user term dropped when scoring), BPR loss with one uniform negative");

    /// <inheritdoc />
    public override Fpmc Build(long seed = 0, Device? device = null) => Initialized(new Fpmc(this), seed, device);
}
