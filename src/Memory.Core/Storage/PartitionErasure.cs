namespace MemoryFunctions.Core.Storage;

/// <summary>
/// What <see cref="IMemoryStore.EraseAsync"/> did: the partition's new epoch, which every write of work begun before the
/// erase now fails to match and every read now hides everything older than, and whether the data is gone already.
/// </summary>
/// <param name="MemoriesErased">Memories removed (with all history); 0 when <paramref name="Finished"/> is false (counted later, <see cref="IMemoryStore.CountErasureAsync"/>).</param>
/// <param name="OperationsErased">Operations ended or removed; 0 when not <paramref name="Finished"/>.</param>
/// <param name="Finished">
/// True when nothing is left to delete (the embedded store shreds the partition's keys at once); false when documents
/// remain, invisible, for <see cref="IMemoryStore.ContinueEraseAsync"/> to delete in the background (Cosmos DB).
/// </param>
public sealed record PartitionErasure(int MemoriesErased, int OperationsErased, long Epoch, bool Finished = true);
