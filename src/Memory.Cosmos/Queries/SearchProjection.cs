using System.Reflection;
using System.Text.Json.Serialization;
using MemoryFunctions.Cosmos.Documents;

namespace MemoryFunctions.Cosmos.Queries;

/// <summary>
/// What search reads of a memory: every stored field except the embedding. 1,536 float32s are ~15 KB of JSON per document,
/// most of a search page's bytes and RU, and ranking needs only the score Cosmos computes. Derived from
/// <see cref="MemoryDocument"/> so a new field cannot be forgotten here.
/// </summary>
internal static class SearchProjection
{
    /// <summary>A JSON object literal, e.g. <c>{"id": c["id"], "text": c["text"], …}</c>.</summary>
    public static string Memory { get; } = Build();

    private static string Build()
    {
        var names = typeof(MemoryDocument)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.Name != nameof(MemoryDocument.Embedding))
            .Select(property => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? CosmosJson.Options.PropertyNamingPolicy!.ConvertName(property.Name));
        return "{" + string.Join(", ", names.Select(name => $"\"{name}\": c[\"{name}\"]")) + "}";
    }
}
