using System.Security.Cryptography;
using System.Text;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>
/// Idempotency keys from event identity. Event ids are only unique per source (CloudEvents) or per topic (Event Grid
/// schema), so the scope is part of the key; hashing keeps the key short and within the id alphabet whatever the sender used.
/// </summary>
internal static class EventGridIdempotencyKeys
{
    /// <summary>Every event-derived key starts with it, and no client <c>Idempotency-Key</c> may: the two never share a namespace.</summary>
    public const string Prefix = "evt-";

    public static string ForCloudEvent(string source, string id) => Key($"cloudevents\n{source}\n{id}");

    public static string ForEventGridEvent(string? topic, string id) => Key($"eventgrid\n{topic}\n{id}");

    private static string Key(string identity) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
}
