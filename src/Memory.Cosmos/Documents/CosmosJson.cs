using System.Text.Json;
using System.Text.Json.Serialization;
using MemoryFunctions.Core.Storage;

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

    /// <summary>
    /// Reads a document from a response body. A body that is missing or unreadable is the store's fault, never the caller's:
    /// it becomes a <see cref="StoreFailureException"/> (a <see cref="JsonException"/> escaping here would reach the host's
    /// handler, which answers bad request JSON with 400).
    /// </summary>
    public static async Task<T> ReadAsync<T>(Stream? stream, CancellationToken cancellationToken)
    {
        try
        {
            return (stream is null ? default : await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken))
                ?? throw new JsonException($"Cosmos DB returned an empty {typeof(T).Name}.");
        }
        catch (JsonException exception)
        {
            throw new StoreFailureException(StoreFailureKind.Rejected, $"Cosmos DB returned a {typeof(T).Name} the store could not read.", innerException: exception)
            {
                Remedy = "A response had no readable body where the store expected a document; this is a bug, report it with the trace id.",
            };
        }
    }

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
