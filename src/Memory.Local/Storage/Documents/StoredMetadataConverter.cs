using System.Text.Json;
using System.Text.Json.Serialization;
using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Local.Storage.Documents;

/// <summary>
/// Metadata as stored: a JSON object of bare scalars (string, number, boolean). Written here rather than by Core's
/// converter for <see cref="MetadataValue"/>, so the file format does not follow changes to the API's JSON.
/// </summary>
internal sealed class StoredMetadataConverter : JsonConverter<IReadOnlyDictionary<string, MetadataValue>>
{
    public override IReadOnlyDictionary<string, MetadataValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Stored metadata must be a JSON object.");
        }

        var metadata = new Dictionary<string, MetadataValue>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            metadata[key] = reader.TokenType switch
            {
                JsonTokenType.String => MetadataValue.FromString(reader.GetString()!),
                JsonTokenType.Number => MetadataValue.FromNumber(reader.GetDouble()),
                JsonTokenType.True => MetadataValue.FromBoolean(true),
                JsonTokenType.False => MetadataValue.FromBoolean(false),
                _ => throw new JsonException($"Stored metadata value '{key}' is not a string, a number or a boolean."),
            };
        }

        return reader.TokenType == JsonTokenType.EndObject ? metadata : throw new JsonException("Stored metadata object is not closed.");
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, MetadataValue> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            switch (item.Type)
            {
                case MetadataValueType.String:
                    writer.WriteStringValue(item.Text);
                    break;
                case MetadataValueType.Number:
                    writer.WriteNumberValue(item.Number);
                    break;
                default:
                    writer.WriteBooleanValue(item.Boolean);
                    break;
            }
        }

        writer.WriteEndObject();
    }
}
