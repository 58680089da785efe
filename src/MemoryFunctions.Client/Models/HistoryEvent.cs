namespace MemoryFunctions.Client.Models;

/// <summary>One change of a memory: <c>add</c>, <c>update</c>, <c>supersede</c> or <c>delete</c>.</summary>
public sealed record HistoryEvent(
    string Id, string MemoryId, string Op, string? Before, string? After, DateTimeOffset At, string? OperationId, string Actor, string? Reason);
