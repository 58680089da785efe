namespace MemoryFunctions.Http.Callbacks;

/// <summary>What a completion callback POSTs (camelCase JSON): which operation of which user ended, and how. Nothing of the conversation.</summary>
public sealed record CompletionCallbackBody(string OperationId, string TenantId, string UserId, string Status, DateTimeOffset FinishedAt);
