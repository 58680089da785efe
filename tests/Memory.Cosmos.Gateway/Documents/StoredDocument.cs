using System.Text.Json.Nodes;

namespace MemoryFunctions.Cosmos.Gateway.Documents;

/// <summary>
/// One document as the gateway holds it: the body with its system properties (<c>_rid</c>, <c>_etag</c>, <c>_ts</c>, ...),
/// never mutated once stored (readers share it), its insertion sequence (the order of <c>_rid</c>s) and its size.
/// </summary>
internal sealed record StoredDocument(JsonObject Body, long Sequence, string ETag, long Size, long Timestamp)
{
    public string Id => (string)Body["id"]!;

    /// <summary>True once the document's time to live ran out: the service then no longer returns it.</summary>
    public bool ExpiredAt(long nowSeconds, int? containerDefaultTtl)
    {
        // TTL applies only when the container has it on (defaultTtl present); the item's own ttl overrides the default, -1 never expires
        // (https://learn.microsoft.com/azure/cosmos-db/nosql/time-to-live).
        if (containerDefaultTtl is not { } fallback)
        {
            return false;
        }

        var ttl = Body["ttl"] is JsonValue value && value.TryGetValue<int>(out var own) ? own : fallback;
        return ttl > 0 && Timestamp + ttl <= nowSeconds;
    }
}
