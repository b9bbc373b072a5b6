using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tagnn.Training;

/// <summary>The JSON conventions of run folders and checkpoints: snake_case names, enums as snake_case strings,
/// NaN and infinities allowed (a run can diverge; the file must still be written).</summary>
public static class RunJson
{
    /// <summary>Indented, for files people read (<c>config.json</c>, <c>summary.json</c>).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>One line, for <c>metrics.jsonl</c> and checkpoint metadata.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = indented,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Files for people: keep '<', '>', '&' and non-ASCII readable (nothing here is embedded in HTML).
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
