using MemoryFunctions.Core.Ingestion;

namespace MemoryFunctions.Core.Operations;

/// <summary>
/// What the workflow did with one candidate fact: the action, the memory it created or changed, and, for a
/// supersession, the memory that was retired.
/// </summary>
public sealed record AppliedDecision(MemoryAction Action, string Fact, string? MemoryId, string? SupersededMemoryId, string? Reason);
