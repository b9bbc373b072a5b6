using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>
/// The specification of TAGNN and SR-GNN and their variants (<see cref="SessionModel"/>): everything that defines the
/// model's function, not its weights, with every choice explicit. <see cref="ForTagnn"/> and <see cref="ForSrGnn"/>
/// give the published models (the reference's d 100, one GNN step, local + attentive readout); change a setting with
/// <c>with</c>. Serialises to readable JSON with System.Text.Json.
/// </summary>
/// <remarks>
/// Run folders of format <c>tagnn-run/1</c> wrote <see cref="TargetAttention"/> and <see cref="GlobalSoftmax"/> as
/// null for "as the kind does"; they read as that format resolved them (<see cref="FromFormat1"/>).
/// </remarks>
public sealed record ModelConfig : ModelSpec
{
    /// <summary>The <c>"type"</c> of this record in JSON (<see cref="ModelSpec.Register{TSpec}"/>).</summary>
    public const string TypeName = "session_gnn";

    /// <summary>The published model the configuration starts from (its name in tables and folder names).</summary>
    public ModelKind Kind { get; init; } = ModelKind.Tagnn;

    /// <summary>Rows of the item table: n + 1 (row 0 is padding). Scores cover items 1..n.</summary>
    public int ItemTableSize { get; init; }

    /// <summary>d, the hidden size (reference default 100).</summary>
    public int HiddenSize { get; init; } = 100;

    /// <summary>Propagation steps of the gated graph cell (reference default 1).</summary>
    public int GnnSteps { get; init; } = 1;

    /// <summary>The session readout (reference: local + attentive global).</summary>
    public ReadoutKind Readout { get; init; } = ReadoutKind.LocalAttentive;

    /// <summary>Target attention (Eq. 6-7) on or off (TAGNN on, SR-GNN off).</summary>
    public required bool TargetAttention { get; init; }

    /// <summary>
    /// A softmax on the global attention weights alpha (Eq. 8) or not. The authors' TAGNN code has one, the paper's
    /// Eq. 8 and SR-GNN have none: <see cref="For"/> sets it so.
    /// </summary>
    public required bool GlobalSoftmax { get; init; }

    /// <summary>Which equations to compute.</summary>
    public Formulation Formulation { get; init; } = Formulation.Reference;

    /// <inheritdoc />
    [JsonIgnore]
    public override int ItemCount => ItemTableSize - 1;

    /// <inheritdoc />
    [JsonIgnore]
    public override string Name => Kind == ModelKind.Tagnn ? "TAGNN" : "SR-GNN";

    /// <summary>
    /// The published model <paramref name="kind"/> for an item table of <paramref name="itemTableSize"/> rows in
    /// <paramref name="formulation"/>: target attention on for TAGNN, off for SR-GNN; the softmax on alpha on for
    /// TAGNN as its code does, off for TAGNN in the paper formulation (Eq. 8 has none) and for SR-GNN.
    /// </summary>
    public static ModelConfig For(ModelKind kind, int itemTableSize, Formulation formulation = Formulation.Reference) => new()
    {
        Kind = kind,
        ItemTableSize = itemTableSize,
        Formulation = formulation,
        TargetAttention = kind == ModelKind.Tagnn,
        GlobalSoftmax = kind == ModelKind.Tagnn && formulation != Formulation.Paper,
    };

    /// <summary>The reference TAGNN (or its <paramref name="formulation"/>) for an item table of
    /// <paramref name="itemTableSize"/> rows (<see cref="For"/>).</summary>
    public static ModelConfig ForTagnn(int itemTableSize, Formulation formulation = Formulation.Reference) =>
        For(ModelKind.Tagnn, itemTableSize, formulation);

    /// <summary>The reference SR-GNN (or its <paramref name="formulation"/>) for an item table of
    /// <paramref name="itemTableSize"/> rows (<see cref="For"/>).</summary>
    public static ModelConfig ForSrGnn(int itemTableSize, Formulation formulation = Formulation.Reference) =>
        For(ModelKind.SrGnn, itemTableSize, formulation);

    /// <summary>Assembles and initialises the model (<see cref="ModelFactory.Create(ModelConfig, long, TorchSharp.torch.Device?)"/>).</summary>
    public override SessionModel Build(long seed = 0, Device? device = null) => ModelFactory.Create(this, seed, device);

    /// <summary>
    /// E.g. <c>TAGNN, reference formulation, local+attentive readout, target attention on, d 100, 1 GNN step(s)</c>;
    /// the softmax on alpha is named only when it differs from the published model's (<see cref="For"/>).
    /// </summary>
    public override string Describe()
    {
        var readout = Readout switch
        {
            ReadoutKind.Local => "local",
            ReadoutKind.Average => "average",
            ReadoutKind.Attentive => "attentive",
            _ => "local+attentive",
        };
        var text = $"{Name}, {Formulation.ToString().ToLowerInvariant()} formulation, {readout} readout, " +
            $"target attention {(TargetAttention ? "on" : "off")}, d {HiddenSize}, {GnnSteps} GNN step(s)";
        if (GlobalSoftmax != For(Kind, ItemTableSize, Formulation).GlobalSoftmax)
            text += $", softmax on alpha {(GlobalSoftmax ? "on" : "off")}";
        return text;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public override void Validate()
    {
        if (ItemTableSize < 2) throw new ArgumentException($"ItemTableSize must be at least 2 (padding row + one item), got {ItemTableSize}.");
        if (HiddenSize < 1) throw new ArgumentException($"HiddenSize must be positive, got {HiddenSize}.");
        if (GnnSteps < 1) throw new ArgumentException($"GnnSteps must be at least 1, got {GnnSteps}.");
        if (!Enum.IsDefined(Kind)) throw new ArgumentException($"Unknown model kind {Kind}.");
        if (!Enum.IsDefined(Formulation)) throw new ArgumentException($"Unknown formulation {Formulation}.");
        if (!Enum.IsDefined(Readout)) throw new ArgumentException($"Unknown readout {Readout}.");
    }

    /// <summary>
    /// Reads a model object of run format <c>tagnn-run/1</c> (no <c>"type"</c>; <c>target_attention</c> and
    /// <c>global_softmax</c> null or missing for "as the kind does"), resolving the nulls as that format did:
    /// target attention = (kind is TAGNN), softmax on alpha = (kind is TAGNN and the formulation is not the paper's).
    /// </summary>
    internal static ModelConfig FromFormat1(JsonObject node, JsonSerializerOptions options)
    {
        string KeyOf(string property)
        {
            var policyName = options.PropertyNamingPolicy?.ConvertName(property) ?? property;
            return node.Select(p => p.Key).FirstOrDefault(k => k == policyName)
                ?? node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, property, StringComparison.OrdinalIgnoreCase))
                ?? policyName;
        }
        T Read<T>(string property, T missing) => node[KeyOf(property)] is { } value ? value.Deserialize<T>(options)! : missing;
        var kind = Read(nameof(Kind), ModelKind.Tagnn);
        var formulation = Read(nameof(Formulation), Formulation.Reference);
        var published = For(kind, 2, formulation);
        var target = KeyOf(nameof(TargetAttention));
        if (node[target] is null) node[target] = published.TargetAttention;
        var softmax = KeyOf(nameof(GlobalSoftmax));
        if (node[softmax] is null) node[softmax] = published.GlobalSoftmax;
        return node.Deserialize<ModelConfig>(options) ?? throw new JsonException("Empty model configuration.");
    }
}
