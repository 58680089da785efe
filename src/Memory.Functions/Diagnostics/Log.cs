using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Diagnostics;

/// <summary>Memory.Functions log messages: event ids 7000–7999. Event and memory contents are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(7000, LogLevel.Information, "Scheduled ingestion orchestration {InstanceId}")]
    public static partial void OrchestrationScheduled(ILogger logger, string instanceId);

    [LoggerMessage(7001, LogLevel.Debug, "Ingestion orchestration {InstanceId} already exists ({Status}); not started again")]
    public static partial void OrchestrationAlreadyExists(ILogger logger, string instanceId, string status);

    [LoggerMessage(7004, LogLevel.Warning, "Ingestion orchestration {InstanceId} ended {Status} but its operation is unfinished; purged and scheduled again")]
    public static partial void OrchestrationRescheduling(ILogger logger, string instanceId, string status);

    [LoggerMessage(7002, LogLevel.Information, "Ingestion orchestration {InstanceId} started")]
    public static partial void OrchestrationStarted(ILogger logger, string instanceId);

    [LoggerMessage(7003, LogLevel.Information, "Ingestion orchestration {InstanceId} finished: {Status}")]
    public static partial void OrchestrationFinished(ILogger logger, string instanceId, string status);

    [LoggerMessage(7005, LogLevel.Warning, "Completion callback of operation {OperationId} given up after {MaxAttempts} attempts (Memory:Callbacks:MaxAttempts); the operation's status stays readable")]
    public static partial void CallbackGaveUp(ILogger logger, string operationId, int maxAttempts);

    [LoggerMessage(7010, LogLevel.Information, "Event Grid event {EventId} submitted as operation {OperationId} (new: {Created})")]
    public static partial void EventSubmitted(ILogger logger, string eventId, string operationId, bool created);

    [LoggerMessage(7011, LogLevel.Information, "Event Grid event {EventId} of type {EventType} ignored")]
    public static partial void EventIgnored(ILogger logger, string eventId, string eventType);

    [LoggerMessage(7012, LogLevel.Warning, "Event Grid event {EventId} rejected: {Reason}")]
    public static partial void EventRejected(ILogger logger, string? eventId, string reason);
}
