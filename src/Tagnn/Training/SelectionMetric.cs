using System.Text.Json.Serialization;

namespace Tagnn.Training;

/// <summary>The metric at K = 20 that picks the epoch under <see cref="SelectionProtocol.Validation"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionMetric>))]
public enum SelectionMetric
{
    /// <summary>HR@20 (the papers' P@20).</summary>
    HitRate,

    /// <summary>MRR@20.</summary>
    Mrr,
}
