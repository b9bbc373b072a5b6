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
