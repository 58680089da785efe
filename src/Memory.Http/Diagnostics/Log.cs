using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Http.Diagnostics;

/// <summary>Memory.Http log messages: event ids 3000–3999. No memory text, queries or keys above Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Error, "Unhandled fault while processing {Method} {Path}")]
    public static partial void UnhandledFault(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(3001, LogLevel.Debug, "Rejected {Method} {Path} as {Status} ({ProblemType})")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int status, string problemType);

    [LoggerMessage(3002, LogLevel.Warning, "Rejected {Method} {Path} as 401: {Reason}")]
    public static partial void CredentialRejected(ILogger logger, string method, string path, string reason);

    [LoggerMessage(3005, LogLevel.Warning, "Authentication is OFF: no Memory:Auth:Keys and no Memory:Auth:Entra:Authority are configured, so any caller reaches every tenant and user. Fine on loopback; configure keys or Entra ID (docs/security.md) before anyone else can reach this host.")]
    public static partial void AuthenticationOpen(ILogger logger);

    [LoggerMessage(3006, LogLevel.Warning, "Memory:Auth:SingleTenant is set: {Count} unscoped key(s) reach every tenant ({KeyIds}).")]
    public static partial void UnscopedKeys(ILogger logger, int count, string keyIds);

    [LoggerMessage(3007, LogLevel.Information, "Authentication is on: {KeyCount} scoped key(s), Entra ID {Entra}.")]
    public static partial void AuthenticationOn(ILogger logger, int keyCount, string entra);

    [LoggerMessage(EventId = 3004, Message = "Store failed while processing {Method} {Path}: {Kind} ({BackendStatus}). Remedy: {Remedy}")]
    public static partial void StoreFailed(ILogger logger, LogLevel level, string method, string path, MemoryFunctions.Core.Storage.StoreFailureKind kind, string backendStatus, string remedy);

    [LoggerMessage(3003, LogLevel.Debug, "Request {Method} {Path} was aborted by the client")]
    public static partial void RequestAborted(ILogger logger, string method, string path);

    [LoggerMessage(3008, LogLevel.Information, "Completion callback of operation {OperationId} delivered (attempt {Attempt})")]
    public static partial void CallbackDelivered(ILogger logger, string operationId, int attempt);

    [LoggerMessage(3009, LogLevel.Warning, "Completion callback of operation {OperationId}: attempt {Attempt} of {MaxAttempts} failed ({Outcome})")]
    public static partial void CallbackAttemptFailed(ILogger logger, string operationId, int attempt, int maxAttempts, string outcome);

    [LoggerMessage(3010, LogLevel.Warning, "Completion callback of operation {OperationId} given up after {MaxAttempts} attempts (Memory:Callbacks:MaxAttempts); the operation's status stays readable")]
    public static partial void CallbackGaveUp(ILogger logger, string operationId, int maxAttempts);

    [LoggerMessage(3011, LogLevel.Warning, "Completion callback of operation {OperationId} dropped: {Reason}")]
    public static partial void CallbackDropped(ILogger logger, string operationId, string reason);

    [LoggerMessage(3012, LogLevel.Error, "Completion callback of operation {OperationId} failed unexpectedly")]
    public static partial void CallbackFaulted(ILogger logger, Exception exception, string operationId);

    [LoggerMessage(3013, LogLevel.Information, "Completion callbacks: {Count} still owed from before the restart, resumed")]
    public static partial void CallbacksResumed(ILogger logger, int count);

    [LoggerMessage(3014, LogLevel.Warning, "Completion callback of operation {OperationId} deferred: the callback queue is full; it stays owed in the store and is queued again as room frees")]
    public static partial void CallbackDeferred(ILogger logger, string operationId);
}
