using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Http.Contracts;

/// <summary>One audit entry of a memory.</summary>
public sealed record HistoryEventResponse(
    string Id,
    string MemoryId,
    HistoryOperation Op,
    string? Before,
    string? After,
    DateTimeOffset At,
    string? OperationId,
    string Actor,
    string? Reason)
{
    public static HistoryEventResponse From(HistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        return new(
            historyEvent.Id,
            historyEvent.MemoryId,
            historyEvent.Operation,
            historyEvent.Before,
            historyEvent.After,
            historyEvent.At,
            historyEvent.OperationId,
            historyEvent.Actor,
            historyEvent.Reason);
    }
}
