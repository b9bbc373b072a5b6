using System.Text.Json.Serialization;

namespace Tagnn.Experiments;

/// <summary>What a comparison concludes about one metric of one model against the reference model.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComparisonVerdict>))]
public enum ComparisonVerdict
{
    /// <summary>The model is the reference itself.</summary>
    Reference,

    /// <summary>The paired t-test over seeds gives p &lt; alpha: the difference is larger than the seed noise.</summary>
    Distinguishable,

    /// <summary>p &gt;= alpha, or fewer than two seeds (no noise measured): the difference may be seed noise.</summary>
    NotDistinguishable,
}
