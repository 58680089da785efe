using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local.Diagnostics;

/// <summary>Local ingestion runner messages: event ids 2500–2999. Ids and counts only, never memory text.</summary>
internal static partial class Log
{
    [LoggerMessage(2500, LogLevel.Information, "Local ingestion runner started with {Workers} workers; resuming {Count} unfinished operations")]
    public static partial void RunnerStarted(ILogger logger, int workers, int count);

    [LoggerMessage(2501, LogLevel.Warning, "Step {Step} of operation {OperationId} failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}")]
    public static partial void StepRetrying(ILogger logger, Exception exception, string step, string operationId, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(2502, LogLevel.Information, "Operation {OperationId} interrupted by shutdown; it stays resumable")]
    public static partial void OperationInterrupted(ILogger logger, string operationId);

    [LoggerMessage(2503, LogLevel.Error, "Operation {OperationId} could not be run to an end; it stays unfinished and is resumed on the next start")]
    public static partial void OperationCrashed(ILogger logger, Exception exception, string operationId);

    [LoggerMessage(2504, LogLevel.Information, "Operation {OperationId} not queued: the runner is stopping; it is resumed on the next start")]
    public static partial void NotQueued(ILogger logger, string operationId);

    [LoggerMessage(2505, LogLevel.Debug, "Operation {OperationId} finished with status {Status}")]
    public static partial void OperationRan(ILogger logger, string operationId, string status);

    [LoggerMessage(2506, LogLevel.Information, "Local ingestion runner stopping: no new operations taken")]
    public static partial void RunnerStopping(ILogger logger);

    [LoggerMessage(2507, LogLevel.Debug, "Operation {OperationId} of tenant {TenantId} started after {WaitedMs} ms in the queue")]
    public static partial void OperationDequeued(ILogger logger, string operationId, string tenantId, long waitedMs);
}
