namespace MemoryFunctions.Http.Contracts;

/// <summary>The history of one memory, oldest first; still available after the memory was deleted.</summary>
public sealed record MemoryHistoryResponse(string MemoryId, IReadOnlyList<HistoryEventResponse> Events);
