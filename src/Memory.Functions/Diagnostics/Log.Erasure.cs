using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Diagnostics;

/// <summary>Erase messages of the Functions host: event ids 7100–7119. Ids and counts only.</summary>
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
}
