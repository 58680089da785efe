using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryFunctions.Cosmos.Documents;

/// <summary>
/// The one serializer configuration for documents, handed to the SDK (<c>UseSystemTextJsonSerializerWithOptions</c>) and used
/// for stream reads: camelCase, enums as camelCase strings (queries compare against the same spelling), nulls omitted
/// (smaller documents, fewer RU), MetadataValue through its converter from Core (attribute on the type).
/// </summary>
internal static class CosmosJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string EnumText<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static async Task<T> ReadAsync<T>(Stream stream, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken)
        ?? throw new JsonException($"Cosmos DB returned an empty {typeof(T).Name}.");

    public static MemoryStream ToStream<T>(T value)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, value, Options);
        stream.Position = 0;
        return stream;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
