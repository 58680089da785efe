namespace MemoryFunctions.Core.Storage;

/// <summary>What an unfinished erase still has to delete (<see cref="IMemoryStore.CountErasureAsync"/>).</summary>
/// <param name="Memories">Memories written before the erase.</param>
/// <param name="Operations">Ingestion operations begun before the erase (an unfinished one is left as a stub).</param>
/// <param name="Documents">Every record to delete: memories, history events and operations together.</param>
public sealed record ErasureCount(int Memories, int Operations, int Documents);
