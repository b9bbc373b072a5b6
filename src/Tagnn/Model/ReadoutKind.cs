using System.Text.Json.Serialization;

namespace Tagnn.Model;

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
