using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>
/// The <c>data</c> of a <see cref="ConversationEventTypes.Turns"/> event. Everything is nullable on purpose: the
/// validator names each missing or malformed field instead of the serializer failing on the first one.
/// </summary>
public sealed record ConversationEventData
{
    public string? TenantId { get; init; }

    public string? UserId { get; init; }

    public string? AgentId { get; init; }

    public string? SessionId { get; init; }

    public IReadOnlyList<ConversationEventMessage?>? Messages { get; init; }

    public IReadOnlyDictionary<string, MetadataValue>? Metadata { get; init; }
}
