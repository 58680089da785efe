using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Http.Endpoints;

namespace MemoryFunctions.Http.EventGrid;

/// <summary>
/// Turns the data of a conversation event into a partition and an <see cref="IngestionRequest"/>, or names the first
/// field that is wrong. Only the partition is the event's own to check (the REST routes take it from the URL); the turns
/// follow Core's <see cref="TurnRules"/>, as on every other way in.
/// </summary>
internal static class ConversationEventValidator
{
    public static bool TryCreate(
        ConversationEventData data,
        string idempotencyKey,
        DateTimeOffset defaultTimestamp,
        out MemoryPartition partition,
        out IngestionRequest? request,
        out FieldError? error)
    {
        partition = default;
        request = null;
        error = PartitionError(data);
        if (error is not null
            || !TurnRules.TryCreate(
                ConversationEventMessage.ToDrafts(data.Messages), data.AgentId, data.SessionId, data.Metadata, idempotencyKey, defaultTimestamp, out request, out error))
        {
            return false;
        }

        partition = new MemoryPartition(data.TenantId ?? ConversationEventLimits.DefaultTenantId, data.UserId!);
        return true;
    }

    private static FieldError? PartitionError(ConversationEventData data)
    {
        if (data.TenantId is not null && !IdRules.IsValid(data.TenantId))
        {
            return new("tenantId", "tenantId must match " + IdRules.Pattern + ".");
        }

        if (data.UserId is null)
        {
            return new("userId", "userId is required.");
        }

        if (!IdRules.IsValid(data.UserId))
        {
            return new("userId", "userId must match " + IdRules.Pattern + ".");
        }

        // On the REST routes 'me' means the caller's own user, so data stored under the literal id could never be
        // exported or erased by an admin.
        return string.Equals(data.UserId, RequestScope.SelfAlias, StringComparison.Ordinal)
            ? new("userId", $"userId '{RequestScope.SelfAlias}' is reserved (the routes read it as the caller's own user); name the user.")
            : null;
    }
}
