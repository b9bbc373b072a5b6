using System.Text.Json.Serialization;

namespace Tagnn.Model;

/// <summary>Which published model a configuration starts from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelKind>))]
public enum ModelKind
{
    /// <summary>TAGNN (Yu et al., SIGIR 2020): SR-GNN plus target attention; softmax on the global attention.</summary>
    Tagnn,

    /// <summary>SR-GNN (Wu et al., AAAI 2019): no target attention; no softmax on the global attention.</summary>
    SrGnn,
}

/// <summary>Which equations the model computes (recorded with every run).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Formulation>))]
public enum Formulation
{
    /// <summary>
    /// Exactly the authors' code: s = W3 [s_global; s_local] + b3 + s_target (sum form); the softmaxes over positions
    /// include the dataset-wide padding (a padded position has target-attention logit 0 and global-attention input
    /// h_pad); raw embeddings rows 1..N are the candidates.
    /// </summary>
    Reference,

    /// <summary>
    /// The paper's equations as written: Eq. 10 s_t = W3 [s_target; s_local; s_global] with W3 of size d x 3d (no
    /// bias), Eq. 8 without a softmax, target attention over the session's real positions.
    /// </summary>
    Paper,

    /// <summary>The reference's sum form with every softmax over real positions only: scores do not depend on padding.</summary>
    Masked,
}

/// <summary>The session readout (the variants of the TAGNN paper's Figure 2, without the target part).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReadoutKind>))]
public enum ReadoutKind
{
    /// <summary>TAGNN-L: the last click's state only (s_local).</summary>
    Local,

    /// <summary>TAGNN-Avg: the mean of the real positions' states (average pooling instead of attention).</summary>
    Average,

    /// <summary>TAGNN-Att: the attentive global embedding only (s_global, Eq. 8-9).</summary>
    Attentive,

    /// <summary>TAGNN-L+Att: local and attentive global (the full models).</summary>
    LocalAttentive,
}

/// <summary>
/// Everything that defines a model's function (not its weights). Defaults are the reference's (d 100, one GNN step,
/// local + attentive readout, reference formulation); <see cref="Kind"/> decides the rest unless overridden.
/// Serialises to readable JSON with System.Text.Json.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>The model the configuration starts from.</summary>
    public ModelKind Kind { get; init; } = ModelKind.Tagnn;

    /// <summary>Rows of the item table: n + 1 (row 0 is padding). Scores cover items 1..n.</summary>
    public int ItemTableSize { get; init; }

    /// <summary>d, the hidden size (reference default 100).</summary>
    public int HiddenSize { get; init; } = 100;

    /// <summary>Propagation steps of the gated graph cell (reference default 1).</summary>
    public int GnnSteps { get; init; } = 1;

    /// <summary>The session readout (reference: local + attentive global).</summary>
    public ReadoutKind Readout { get; init; } = ReadoutKind.LocalAttentive;

    /// <summary>Target attention (Eq. 6-7) on or off; null = on for TAGNN, off for SR-GNN.</summary>
    public bool? TargetAttention { get; init; }

    /// <summary>
    /// Softmax on the global attention weights alpha; null = as the code does: TAGNN yes (except in the paper
    /// formulation, whose Eq. 8 has none), SR-GNN no.
    /// </summary>
    public bool? GlobalSoftmax { get; init; }

    /// <summary>Which equations to compute.</summary>
    public Formulation Formulation { get; init; } = Formulation.Reference;

    /// <summary>Whether target attention is used (resolving the default).</summary>
    [JsonIgnore]
    public bool UsesTargetAttention => TargetAttention ?? Kind == ModelKind.Tagnn;

    /// <summary>Whether alpha goes through a softmax (resolving the default).</summary>
    [JsonIgnore]
    public bool UsesGlobalSoftmax => GlobalSoftmax ?? (Kind == ModelKind.Tagnn && Formulation != Formulation.Paper);

    /// <summary>N, the number of candidate items (item table rows 1..N).</summary>
    [JsonIgnore]
    public int ItemCount => ItemTableSize - 1;

    /// <summary>The reference TAGNN for an item table of <paramref name="itemTableSize"/> rows.</summary>
    public static ModelConfig ForTagnn(int itemTableSize) => new() { Kind = ModelKind.Tagnn, ItemTableSize = itemTableSize };

    /// <summary>The reference SR-GNN for an item table of <paramref name="itemTableSize"/> rows.</summary>
    public static ModelConfig ForSrGnn(int itemTableSize) => new() { Kind = ModelKind.SrGnn, ItemTableSize = itemTableSize };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (ItemTableSize < 2) throw new ArgumentException($"ItemTableSize must be at least 2 (padding row + one item), got {ItemTableSize}.");
        if (HiddenSize < 1) throw new ArgumentException($"HiddenSize must be positive, got {HiddenSize}.");
        if (GnnSteps < 1) throw new ArgumentException($"GnnSteps must be at least 1, got {GnnSteps}.");
        if (!Enum.IsDefined(Kind)) throw new ArgumentException($"Unknown model kind {Kind}.");
        if (!Enum.IsDefined(Formulation)) throw new ArgumentException($"Unknown formulation {Formulation}.");
        if (!Enum.IsDefined(Readout)) throw new ArgumentException($"Unknown readout {Readout}.");
    }
}
