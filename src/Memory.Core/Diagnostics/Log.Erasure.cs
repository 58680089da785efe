using MemoryFunctions.Core.Operations;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Diagnostics;

/// <summary>Erase messages: event ids 1400–1419. Ids and counts only.</summary>
internal static partial class Log
{
    [LoggerMessage(1400, LogLevel.Information, "Erase of a user of tenant {TenantId} acknowledged at epoch {Epoch}; deleting goes on as operation {OperationId}")]
    public static partial void ErasureContinues(ILogger logger, string operationId, string tenantId, long epoch);

    [LoggerMessage(1401, LogLevel.Information, "Erase operation {OperationId} of tenant {TenantId} ended {Status}; workflow instances left: {InstancesLeft}")]
    public static partial void ErasureFinished(ILogger logger, string operationId, string tenantId, OperationStatus status, int instancesLeft);
}
