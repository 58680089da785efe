using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryFunctions.Client;

/// <summary>The API's wire format: camelCase, nulls omitted (the server rejects unknown fields, so none are sent).</summary>
internal static class MemoryClientJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
