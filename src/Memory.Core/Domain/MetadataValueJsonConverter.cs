using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryFunctions.Core.Domain;

/// <summary>Reads and writes <see cref="MetadataValue"/> as a bare JSON scalar; objects, arrays and null are rejected.</summary>
public sealed class MetadataValueJsonConverter : JsonConverter<MetadataValue>
{
    public override MetadataValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => MetadataValue.FromString(reader.GetString()!),
        JsonTokenType.Number => MetadataValue.FromNumber(reader.GetDouble()),
        JsonTokenType.True => MetadataValue.FromBoolean(true),
        JsonTokenType.False => MetadataValue.FromBoolean(false),
        _ => throw new JsonException("Metadata values must be a string, a number or a boolean."),
    };

    public override void Write(Utf8JsonWriter writer, MetadataValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Type)
        {
            case MetadataValueType.String:
                writer.WriteStringValue(value.Text);
                break;
            case MetadataValueType.Number:
                writer.WriteNumberValue(value.Number);
                break;
            default:
                writer.WriteBooleanValue(value.Boolean);
                break;
        }
    }
}
