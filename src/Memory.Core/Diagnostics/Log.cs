using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Diagnostics;

/// <summary>Memory.Core log messages: event ids 1000–1999. Memory text and prompts are never logged above Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Debug, "Memory {MemoryId} of tenant {TenantId}: {Status}")]
    public static partial void MemoryWritten(ILogger logger, string tenantId, string memoryId, WriteStatus status);

    [LoggerMessage(1001, LogLevel.Information, "Erased a user of tenant {TenantId}: {Memories} memories, {Operations} operations")]
    public static partial void PartitionErased(ILogger logger, string tenantId, int memories, int operations);

    [LoggerMessage(1002, LogLevel.Error, "Audit record {AuditId} ({Action}, tenant {TenantId}) keeps outcome Started: writing {Outcome} failed")]
    public static partial void AuditOutcomeNotRecorded(ILogger logger, string auditId, Audit.AuditAction action, string tenantId, Audit.AuditOutcome outcome, Exception exception);
}
