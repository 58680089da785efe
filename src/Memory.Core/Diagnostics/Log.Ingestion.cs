using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Diagnostics;

/// <summary>Ingestion messages: event ids 1100–1299. Ids, counts and actions only; memory text never above Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Debug, "Operation {OperationId}: {Phase} ({Done}/{Total})")]
    public static partial void OperationProgress(ILogger logger, string operationId, string phase, int done, int total);

    [LoggerMessage(1101, LogLevel.Information, "Operation {OperationId} of tenant {TenantId} finished: {Status}, {Decisions} decisions, {Tokens} tokens")]
    public static partial void OperationFinished(ILogger logger, string operationId, string tenantId, OperationStatus status, int decisions, long tokens);

    [LoggerMessage(1102, LogLevel.Debug, "Operation {OperationId} is gone or already finished ({Status}); step {Step} did nothing")]
    public static partial void OperationNotActive(ILogger logger, string operationId, OperationStatus? status, string step);

    [LoggerMessage(1103, LogLevel.Debug, "Operation {OperationId}: extracted {Facts} candidate facts from {Messages} messages")]
    public static partial void FactsExtracted(ILogger logger, string operationId, int facts, int messages);

    [LoggerMessage(1104, LogLevel.Warning, "Operation {OperationId}: rejected a {Action} decision for fact {FactIndex}: {Why}")]
    public static partial void DecisionRejected(ILogger logger, string operationId, MemoryAction action, int factIndex, string why);

    [LoggerMessage(1105, LogLevel.Debug, "Operation {OperationId}: {Action} fact {FactIndex} → memory {MemoryId}")]
    public static partial void DecisionApplied(ILogger logger, string operationId, MemoryAction action, int factIndex, string? memoryId);

    [LoggerMessage(1106, LogLevel.Debug, "Operation {OperationId}: ETag conflict on memory {MemoryId}, attempt {Attempt}; re-reading")]
    public static partial void WriteConflict(ILogger logger, string operationId, string memoryId, int attempt);

    [LoggerMessage(1107, LogLevel.Debug, "Operation {OperationId}: {Subject} {Outcome} ({Pending} pending)")]
    public static partial void SummaryFolded(ILogger logger, string operationId, SummarySubject subject, string outcome, int pending);

    [LoggerMessage(1108, LogLevel.Trace, "Operation {OperationId}: fact {FactIndex} is \"{Text}\"")]
    public static partial void FactText(ILogger logger, string operationId, int factIndex, string text);

    [LoggerMessage(1109, LogLevel.Information, "Operation {OperationId} of tenant {TenantId} accepted (new: {Created})")]
    public static partial void OperationSubmitted(ILogger logger, string operationId, string tenantId, bool created);

    [LoggerMessage(1120, LogLevel.Warning, "Idempotency key of operation {OperationId} (tenant {TenantId}) reused with a different request; refused")]
    public static partial void IdempotencyKeyReused(ILogger logger, string operationId, string tenantId);
}
