namespace MemoryFunctions.Client.Models;

public sealed record MemoryHistory(string MemoryId, IReadOnlyList<HistoryEvent> Events);
