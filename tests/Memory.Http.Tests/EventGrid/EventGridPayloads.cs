using System.Text.Json;
using System.Text.Json.Nodes;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Http.Tests.Quotas;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Tests.EventGrid;

/// <summary>Builds deliveries the way Event Grid (or a local publisher) would send them.</summary>
internal static class EventGridPayloads
{
    public static readonly DateTimeOffset EventTime = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Admission with no quota set (the default): every delivery in scope is admitted.</summary>
    public static readonly TenantAdmission NoQuotas = new(Options.Create(new TenantQuotaOptions()), new GivenUsage(default), TimeProvider.System);

    public static JsonObject Conversation(string userId = "alice", string? tenantId = null, int messages = 1) => new()
    {
        ["tenantId"] = tenantId,
        ["userId"] = userId,
        ["agentId"] = "support-bot",
        ["sessionId"] = "s-1",
        ["messages"] = new JsonArray([.. Enumerable.Range(0, messages).Select(i => (JsonNode)new JsonObject
        {
            ["role"] = i % 2 == 0 ? "user" : "assistant",
            ["content"] = $"I moved to Lisbon in 2024 ({i}).",
        })]),
        ["metadata"] = new JsonObject { ["channel"] = "chat", ["priority"] = 2, ["vip"] = true },
    };

    public static JsonObject CloudEvent(JsonNode? data, string id = "evt-1", string source = "/agents/support", string type = "MemoryFunctions.Conversation.Turns") => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = source,
        ["type"] = type,
        ["time"] = EventTime.ToString("O"),
        ["datacontenttype"] = "application/json",
        ["data"] = data,
    };

    public static JsonObject EventGridEvent(JsonNode? data, string id = "evt-1", string type = "MemoryFunctions.Conversation.Turns", string? topic = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventGrid/topics/memory") => new()
    {
        ["id"] = id,
        ["topic"] = topic,
        ["subject"] = "conversations/alice",
        ["eventType"] = type,
        ["eventTime"] = EventTime.ToString("O"),
        ["dataVersion"] = "1.0",
        ["data"] = data,
    };

    public static BinaryData Body(params JsonNode[] events) =>
        BinaryData.FromString(events.Length == 1 ? events[0].ToJsonString() : new JsonArray(events).ToJsonString());

    public static BinaryData Batch(params JsonNode[] events) => BinaryData.FromString(new JsonArray(events).ToJsonString());

    public static JsonNode Clone(JsonNode node) => JsonNode.Parse(node.ToJsonString(JsonSerializerOptions.Default))!;
}
