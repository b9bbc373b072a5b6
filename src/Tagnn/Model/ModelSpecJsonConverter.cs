using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tagnn.Model;

/// <summary>
/// Reads and writes a <see cref="ModelSpec"/> as a JSON object whose first property, <c>"type"</c>, names its record
/// (<see cref="ModelSpec.Register{TSpec}"/>), followed by the record's own properties (not the ones every spec derives,
/// such as <see cref="ModelSpec.Name"/>). An object without
/// <c>"type"</c> is read as a <see cref="ModelConfig"/> of run format <c>tagnn-run/1</c>.
/// </summary>
internal sealed class ModelSpecJsonConverter : JsonConverter<ModelSpec>
{
    /// <summary>The discriminator's property name.</summary>
    public const string TypeProperty = "type";

    /// <inheritdoc />
    public override ModelSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject node)
            throw new JsonException("A model specification must be a JSON object.");
        if (!node.TryGetPropertyValue(TypeProperty, out var typeNode)) return ModelConfig.FromFormat1(node, options);
        var typeName = typeNode is JsonValue value && value.TryGetValue<string>(out var text) ? text
            : throw new JsonException($"The model's \"{TypeProperty}\" must be a string.");
        var type = ModelSpec.TypeOf(typeName) ?? throw new JsonException(
            $"Unknown model type '{typeName}' (known: {string.Join(", ", ModelSpec.TypeNames())}). A model defined outside " +
            $"the library must be registered with ModelSpec.Register<TSpec>(\"{typeName}\") before its runs are read.");
        node.Remove(TypeProperty);
        return (ModelSpec?)node.Deserialize(type, options) ?? throw new JsonException($"Empty '{typeName}' model specification.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ModelSpec value, JsonSerializerOptions options)
    {
        var type = value.GetType();
        var typeName = ModelSpec.TypeNameOf(type) ?? throw new JsonException(
            $"{type.FullName} is not a registered model specification: call ModelSpec.Register<{type.Name}>(\"name\") first.");
        var body = JsonSerializer.SerializeToNode(value, type, options) as JsonObject
            ?? throw new JsonException($"{type.FullName} does not serialise to a JSON object.");
        // What every spec derives (Name, ItemCount, ...) is not a setting: left out even where an override lacks [JsonIgnore].
        foreach (var derived in typeof(ModelSpec).GetProperties()) body.Remove(options.PropertyNamingPolicy?.ConvertName(derived.Name) ?? derived.Name);
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, typeName);
        foreach (var (name, property) in body)
        {
            writer.WritePropertyName(name);
            if (property is null) writer.WriteNullValue();
            else property.WriteTo(writer, options);
        }
        writer.WriteEndObject();
    }
}
