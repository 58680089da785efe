namespace MemoryFunctions.Core.Storage;

/// <summary>
/// What <see cref="IMemoryStore.EraseAsync"/> did: memories removed (with all history), operations ended or removed, and
/// the partition's new epoch, which every write of work begun before the erase now fails to match.
/// </summary>
public sealed record PartitionErasure(int MemoriesErased, int OperationsErased, long Epoch);
