using System.Globalization;

namespace MemoryFunctions.Core.Domain;

/// <summary>Builds history events with ids derived from what happened, so a retried write records the same event, not a second one.</summary>
public static class HistoryEvents
{
    public static HistoryEvent For(
        MemoryRecord memory,
        HistoryOperation operation,
        string? before,
        string? after,
        DateTimeOffset at,
        string actor,
        string? operationId = null,
        string? reason = null,
        string? discriminator = null)
    {
        ArgumentNullException.ThrowIfNull(memory);
        discriminator ??= operationId ?? at.UtcTicks.ToString(CultureInfo.InvariantCulture);
        return new HistoryEvent
        {
            Id = $"{memory.Id}.{operation.ToString().ToLowerInvariant()}.{MemoryIds.ContentHash(discriminator)[..12]}",
            MemoryId = memory.Id,
            TenantId = memory.TenantId,
            UserId = memory.UserId,
            Operation = operation,
            Before = before,
            After = after,
            At = at,
            OperationId = operationId,
            Actor = actor,
            Reason = reason,
        };
    }
}
