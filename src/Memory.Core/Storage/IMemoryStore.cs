using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Core.Storage;

/// <summary>
/// Durable storage of memories and their history. Every call is scoped to one <see cref="MemoryPartition"/>;
/// nothing here can read or write across partitions. A write is acknowledged only once it is durable.
/// </summary>
/// <remarks>
/// Erase is final: <see cref="EraseAsync"/> advances the partition's epoch, a write carrying an older epoch
/// (<see cref="MemoryWriteOptions.Epoch"/>) is refused by the store itself, and from that moment no read returns anything
/// written before, even where the data itself is deleted later (<see cref="ContinueEraseAsync"/>). The
/// <see cref="Operations.IOperationStore"/> of the same backend shares the epoch: an operation records the epoch it began
/// in, and its writes are fenced the same way.
/// </remarks>
public interface IMemoryStore
{
    Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default);

    /// <summary>Inserts <paramref name="memory"/> unless a memory with its id exists (then <see cref="WriteStatus.AlreadyExists"/> and the existing record).</summary>
    Task<MemoryWriteResult> AddAsync(MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces the memory with the same id if its current ETag equals <paramref name="expectedETag"/> (null: unconditionally).</summary>
    Task<MemoryWriteResult> ReplaceAsync(MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Removes one memory (its history stays, with a DELETE event) if its ETag matches (null: unconditionally).</summary>
    Task<MemoryWriteResult> DeleteAsync(MemoryPartition partition, string id, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Memories matching <paramref name="filter"/> in <see cref="ListOrder"/> (newest first), a page at a time.</summary>
    Task<Page<MemoryRecord>> ListAsync(MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Candidates for hybrid ranking: up to <see cref="MemorySearchQuery.CandidateCount"/> best by vector similarity and
    /// as many by lexical score, each carrying its rank in either list. Final ranking happens in <see cref="HybridRanker"/>.
    /// </summary>
    Task<IReadOnlyList<SearchCandidate>> SearchAsync(MemoryPartition partition, MemorySearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>History of one memory, oldest first. Also available after the memory was deleted.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(MemoryPartition partition, string memoryId, CancellationToken cancellationToken = default);

    /// <summary>Every memory of the partition, superseded and expired ones included.</summary>
    IAsyncEnumerable<MemoryRecord> ExportMemoriesAsync(MemoryPartition partition, CancellationToken cancellationToken = default);

    /// <summary>Every history event of the partition.</summary>
    IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, CancellationToken cancellationToken = default);

    /// <summary>The partition's epoch: 0 until it is first erased, then a larger number after every erase (never reused).</summary>
    Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the partition completely and for good: memories, history and operations (an unfinished operation is left as
    /// a content-free stub, <see cref="Operations.MemoryOperation.EndedByErase"/>, so its poller learns why it ended), and
    /// advances the epoch atomically with it, so any later write fenced with an older epoch is refused. When this returns,
    /// the erase is acknowledged: no read returns the old data and the same user id starts fresh. A store that cannot
    /// delete everything at once (<see cref="PartitionErasure.Finished"/> false) deletes the rest through
    /// <see cref="ContinueEraseAsync"/>, invisible to every read meanwhile.
    /// </summary>
    Task<PartitionErasure> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default);

    /// <summary>What an erase that moved the partition to <paramref name="epoch"/> still has to delete.</summary>
    Task<ErasureCount> CountErasureAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a bounded part of what was written before <paramref name="epoch"/>; call until it reports
    /// <see cref="ErasureChunk.Finished"/>. Idempotent and resumable: after a crash, calling it again goes on where the
    /// deleting stopped. Throttling is waited out here (it never fails the step half done); other failures throw.
    /// </summary>
    Task<ErasureChunk> ContinueEraseAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many writes of one partition are worth having in flight at once. The embedded store
    /// group-commits writes that arrive together (one fsync for all); on Cosmos DB every fenced write also patches the
    /// partition's one epoch document, so concurrent writes of a partition collide there (449, retried) and gain nothing.
    /// </summary>
    int WritesTogether { get; }
}
