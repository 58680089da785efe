using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Indexing;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local;

/// <summary>
/// <see cref="IMemoryStore"/> on the embedded <see cref="LocalStorageEngine"/>: writes are acknowledged once fsynced
/// to the log; reads and searches are served from memory (exact cosine search with SIMD, BM25 for the lexical channel).
/// </summary>
/// <remarks>
/// Embeddings are stored L2-normalised, in an array the store allocates itself (the caller's array is not kept), so
/// similarity is one dot product; records returned share that array with the index and must not be mutated.
/// </remarks>
public sealed class LocalMemoryStore(LocalStorageEngine engine) : IMemoryStore
{
    /// <summary>Writes that arrive together share one group commit: one fsync instead of one per write.</summary>
    public int WritesTogether => 16;

    /// <summary>Length of the stored vectors (the most common one), or null when none are stored; see <see cref="LocalStorageEngine.StoredVectorDimensions"/>.</summary>
    public int? StoredVectorDimensions => engine.StoredVectorDimensions;

    public Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(engine.FindPartition(partition)?.Get(id));
    }

    public Task<MemoryWriteResult> AddAsync(MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(partition, memory, history);
        return engine.SubmitAsync(
            (view, sequence) => IsFenced(view, partition, options) ? Refused
                : view.GetMemory(partition, prepared.Id) is { } existing
                    ? new Decision<MemoryWriteResult>(null, new MemoryWriteResult(WriteStatus.AlreadyExists, existing))
                    : Put(prepared, history, sequence),
            waitsForCompaction: false,
            cancellationToken);
    }

    public Task<MemoryWriteResult> ReplaceAsync(MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(partition, memory, history);
        return engine.SubmitAsync(
            (view, sequence) => IsFenced(view, partition, options) ? Refused : view.GetMemory(partition, prepared.Id) switch
            {
                null => new Decision<MemoryWriteResult>(null, MemoryWriteResult.NotFound),
                var existing when !Matches(existing, expectedETag) => new(null, new MemoryWriteResult(WriteStatus.PreconditionFailed, existing)),
                _ => Put(prepared, history, sequence),
            },
            waitsForCompaction: false,
            cancellationToken);
    }

    public Task<MemoryWriteResult> DeleteAsync(MemoryPartition partition, string id, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ValidateHistory(partition, history);
        return engine.SubmitAsync(
            (view, sequence) => IsFenced(view, partition, options) ? Refused : view.GetMemory(partition, id) switch
            {
                null => new Decision<MemoryWriteResult>(null, MemoryWriteResult.NotFound),
                var existing when !Matches(existing, expectedETag) => new(null, new MemoryWriteResult(WriteStatus.PreconditionFailed, existing)),
                var existing => new(new MemoryDeleteEntry(sequence, partition, id, history), new MemoryWriteResult(WriteStatus.Written, existing)),
            },
            waitsForCompaction: false,
            cancellationToken);
    }

    public Task<Page<MemoryRecord>> ListAsync(MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var after = continuationToken is null ? (ListCursor?)null : ListCursor.Decode(continuationToken);
        if (engine.FindPartition(partition) is not { } index)
        {
            return Task.FromResult(new Page<MemoryRecord>([], null));
        }

        var (items, hasMore) = index.ListPage(filter, pageSize, after);
        return Task.FromResult(new Page<MemoryRecord>(items, hasMore ? ListCursor.From(items[^1]).Encode() : null));
    }

    public Task<IReadOnlyList<SearchCandidate>> SearchAsync(MemoryPartition partition, MemorySearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<SearchCandidate> candidates = engine.FindPartition(partition)?.Search(query) ?? [];
        return Task.FromResult(candidates);
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(MemoryPartition partition, string memoryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memoryId);
        return Task.FromResult(engine.FindPartition(partition)?.GetHistory(memoryId) ?? []);
    }

    public async IAsyncEnumerable<MemoryRecord> ExportMemoriesAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var memory in engine.FindPartition(partition)?.SnapshotMemories() ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return memory;
        }
    }

    public async IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var history in engine.FindPartition(partition)?.SnapshotHistory() ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return history;
        }
    }

    public Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        Task.FromResult(engine.EpochOf(partition));

    /// <summary>
    /// Erases memories, history and operations of the partition: destroys the partition's keys (crypto-shredding, so no
    /// file holds anything readable of the user once this returns) and logs one small erase entry, whose sequence number
    /// becomes the partition's epoch, with content-free stubs of the operations it cancelled. Costs the same whatever the
    /// size of the store; the unreadable ciphertext leaves the files at the next regular compaction.
    /// </summary>
    public Task<PartitionErasure> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        engine.SubmitAsync(
            (_, sequence) =>
            {
                var erasure = new PartitionErasure(engine.FindPartition(partition)?.Count ?? 0, engine.Operations(partition).Count(), sequence);
                return new Decision<PartitionErasure>(new PartitionEraseEntry(sequence, partition, EraseScope.Memories | EraseScope.Operations), erasure);
            },
            waitsForCompaction: false,
            cancellationToken);

    /// <summary>Nothing: <see cref="EraseAsync"/> leaves nothing to delete.</summary>
    public Task<ErasureCount> CountErasureAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ErasureCount(0, 0, 0));

    /// <summary>Finished at once: <see cref="EraseAsync"/> leaves nothing to delete.</summary>
    public Task<ErasureChunk> ContinueEraseAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ErasureChunk(0, Finished: true));

    /// <summary>
    /// Replaces the vector of <paramref name="memory"/> (as read, ETag included) with <paramref name="embedding"/>, keeping
    /// everything else and adding no history (re-embedding changes no content). A memory changed or deleted since it was
    /// read is left alone: <see cref="WriteStatus.PreconditionFailed"/> or <see cref="WriteStatus.NotFound"/>.
    /// </summary>
    internal Task<MemoryWriteResult> ReplaceEmbeddingAsync(MemoryRecord memory, float[] embedding, CancellationToken cancellationToken = default)
    {
        var prepared = Normalized(memory with { Embedding = embedding });
        return engine.SubmitAsync(
            (view, sequence) => view.GetMemory(memory.Partition, memory.Id) switch
            {
                null => new Decision<MemoryWriteResult>(null, MemoryWriteResult.NotFound),
                var existing when !Matches(existing, memory.ETag) => new(null, new MemoryWriteResult(WriteStatus.PreconditionFailed, existing)),
                _ => new(new MemoryPutEntry(sequence, prepared with { ETag = ETagFor(sequence) }, null), new MemoryWriteResult(WriteStatus.Written, null)),
            },
            waitsForCompaction: false,
            cancellationToken);
    }

    internal static string ETagFor(long sequence) => string.Create(CultureInfo.InvariantCulture, $"\"{sequence}\"");

    /// <summary>Runs on the log loop; applying the entry copies the vector into the partition's block.</summary>
    private static Decision<MemoryWriteResult> Put(MemoryRecord memory, HistoryEvent history, long sequence)
    {
        var stored = memory with { ETag = ETagFor(sequence) };
        return new(new MemoryPutEntry(sequence, stored, history), new MemoryWriteResult(WriteStatus.Written, stored));
    }

    private static readonly Decision<MemoryWriteResult> Refused = new(null, new MemoryWriteResult(WriteStatus.PartitionErased, null));

    /// <summary>Decided on the log loop, so no erase can slip between this check and the write it guards.</summary>
    private static bool IsFenced(BatchView view, MemoryPartition partition, MemoryWriteOptions? options) =>
        options?.Epoch is { } epoch && view.GetEpoch(partition) != epoch;

    private static bool Matches(MemoryRecord existing, string? expectedETag) =>
        expectedETag is null || string.Equals(existing.ETag, expectedETag, StringComparison.Ordinal);

    /// <summary>History is filed under the partition it names (that is how a snapshot restores it), so it must name this one.</summary>
    private static void ValidateHistory(MemoryPartition partition, HistoryEvent history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (new MemoryPartition(history.TenantId, history.UserId) != partition)
        {
            throw new ArgumentException($"The history event belongs to {history.TenantId}/{history.UserId}, not to the partition {partition} it is written to.", nameof(history));
        }
    }

    private static MemoryRecord Prepare(MemoryPartition partition, MemoryRecord memory, HistoryEvent history)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ValidateHistory(partition, history);
        ArgumentException.ThrowIfNullOrEmpty(memory.Id);
        if (memory.Partition != partition)
        {
            throw new ArgumentException($"The memory belongs to {memory.Partition}, not to the partition {partition} it is written to.", nameof(memory));
        }

        return Normalized(memory);
    }

    /// <summary>
    /// Normalised here, on the caller's thread, so the single log loop does not pay for it. The block copies the vector
    /// anyway, so normalising in place would only save garbage while mutating the caller's array.
    /// </summary>
    private static MemoryRecord Normalized(MemoryRecord memory)
    {
        var embedding = memory.Embedding;
        var norm = embedding.Length == 0 ? 0f : TensorPrimitives.Norm(embedding);
        if (norm == 0 || MathF.Abs(norm - 1f) <= 1e-4f)
        {
            return memory;
        }

        var unit = new float[embedding.Length];
        TensorPrimitives.Divide(embedding, norm, unit);
        return memory with { Embedding = unit };
    }
}
