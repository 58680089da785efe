using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Testing.Fakes;

/// <summary>
/// A store that passes every call to <paramref name="inner"/>; fault-injecting fakes override only the calls they break.
/// </summary>
public abstract class DelegatingMemoryStore(IMemoryStore inner) : IMemoryStore
{
    public virtual int WritesTogether => inner.WritesTogether;

    public virtual Task<MemoryWriteResult> AddAsync(
        MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.AddAsync(partition, memory, history, options, cancellationToken);

    public virtual Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(partition, id, cancellationToken);

    public virtual Task<MemoryWriteResult> ReplaceAsync(
        MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.ReplaceAsync(partition, memory, expectedETag, history, options, cancellationToken);

    public virtual Task<MemoryWriteResult> DeleteAsync(
        MemoryPartition partition, string id, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(partition, id, expectedETag, history, options, cancellationToken);

    public virtual Task<Page<MemoryRecord>> ListAsync(MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        inner.ListAsync(partition, filter, pageSize, continuationToken, cancellationToken);

    public virtual Task<IReadOnlyList<SearchCandidate>> SearchAsync(MemoryPartition partition, MemorySearchQuery query, CancellationToken cancellationToken = default) =>
        inner.SearchAsync(partition, query, cancellationToken);

    public virtual Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(MemoryPartition partition, string memoryId, CancellationToken cancellationToken = default) =>
        inner.GetHistoryAsync(partition, memoryId, cancellationToken);

    public virtual IAsyncEnumerable<MemoryRecord> ExportMemoriesAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.ExportMemoriesAsync(partition, cancellationToken);

    public virtual IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.ExportHistoryAsync(partition, cancellationToken);

    public virtual Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.GetEpochAsync(partition, cancellationToken);

    public virtual Task<PartitionErasure> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.EraseAsync(partition, cancellationToken);

    public virtual Task<ErasureCount> CountErasureAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default) =>
        inner.CountErasureAsync(partition, epoch, cancellationToken);

    public virtual Task<ErasureChunk> ContinueEraseAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default) =>
        inner.ContinueEraseAsync(partition, epoch, cancellationToken);
}
