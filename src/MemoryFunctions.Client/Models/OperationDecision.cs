namespace MemoryFunctions.Client.Models;

/// <summary>What ingestion did with one fact: <c>add</c>, <c>update</c>, <c>supersede</c>, <c>delete</c> or <c>noop</c>.</summary>
public sealed record OperationDecision(string Action, string Fact, string? MemoryId, string? SupersededMemoryId, string? Reason);
