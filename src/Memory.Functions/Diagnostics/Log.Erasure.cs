using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Diagnostics;

/// <summary>Erase and history-purge messages of the Functions host: event ids 7100–7119. Ids and counts only.</summary>
internal static partial class Log
{
    [LoggerMessage(7100, LogLevel.Information, "Erase {OperationId}: purged {Purged} orchestration instances, {Left} left for the next pass")]
    public static partial void InstancesSwept(ILogger logger, string operationId, int purged, int left);

    [LoggerMessage(7101, LogLevel.Warning, "Orchestration {InstanceId} was scheduled while its user was erased and did not end in time to be purged now; the erase's passes go on")]
    public static partial void InstanceNotRemoved(ILogger logger, string instanceId);

    [LoggerMessage(7102, LogLevel.Information, "Ingestion orchestration {InstanceId} was scheduled after its user was erased; removed it")]
    public static partial void InstanceRemovedAfterErase(ILogger logger, string instanceId);

    [LoggerMessage(7103, LogLevel.Information, "Scheduled erase orchestration {InstanceId}")]
    public static partial void EraseScheduled(ILogger logger, string instanceId);

    [LoggerMessage(7110, LogLevel.Information, "Purged the Durable history of {Purged} completed orchestration instances created before {CreatedBefore:O} (Memory:DurableHistory:Retention)")]
    public static partial void HistoryPurged(ILogger logger, int purged, DateTimeOffset createdBefore);

    [LoggerMessage(7111, LogLevel.Information, "Scheduled the Durable history purge: ended instances kept {Retention}, a pass every {Interval}")]
    public static partial void HistoryPurgeScheduled(ILogger logger, TimeSpan retention, TimeSpan interval);

    [LoggerMessage(7113, LogLevel.Warning, "The Durable history purge of completed instances created before {CreatedBefore:O} failed ({Error}); the next pass tries again")]
    public static partial void HistoryPurgeFailed(ILogger logger, string error, DateTimeOffset createdBefore);

    [LoggerMessage(7112, LogLevel.Warning, "Could not check or schedule the Durable history purge ({Error}); checked again within 30 s")]
    public static partial void HistoryPurgeNotScheduled(ILogger logger, string error);
}
