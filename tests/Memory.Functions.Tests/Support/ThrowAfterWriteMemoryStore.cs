using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// The at-least-once probe: the first <c>AddAsync</c> is written durably and then reported as failed (a timeout after
/// the server committed), so the activity is retried over a write that already happened.
/// </summary>
internal sealed class ThrowAfterWriteMemoryStore(IMemoryStore inner) : IMemoryStore
{
    private int _adds;

    public int Adds => Volatile.Read(ref _adds);

    public async Task<MemoryWriteResult> AddAsync(
        MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await inner.AddAsync(partition, memory, history, options, cancellationToken);
        return Interlocked.Increment(ref _adds) == 1 ? throw new IOException("The write committed, but its acknowledgement was lost.") : result;
    }

    public Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync(partition, id, cancellationToken);

    public Task<MemoryWriteResult> ReplaceAsync(
        MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.ReplaceAsync(partition, memory, expectedETag, history, options, cancellationToken);

    public Task<MemoryWriteResult> DeleteAsync(
        MemoryPartition partition, string id, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(partition, id, expectedETag, history, options, cancellationToken);

    public Task<Page<MemoryRecord>> ListAsync(MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        inner.ListAsync(partition, filter, pageSize, continuationToken, cancellationToken);

    public Task<IReadOnlyList<SearchCandidate>> SearchAsync(MemoryPartition partition, MemorySearchQuery query, CancellationToken cancellationToken = default) =>
        inner.SearchAsync(partition, query, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(MemoryPartition partition, string memoryId, CancellationToken cancellationToken = default) =>
        inner.GetHistoryAsync(partition, memoryId, cancellationToken);

    public IAsyncEnumerable<MemoryRecord> ExportMemoriesAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.ExportMemoriesAsync(partition, cancellationToken);

    public IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.ExportHistoryAsync(partition, cancellationToken);

    public Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.GetEpochAsync(partition, cancellationToken);

    public Task<PartitionErasure> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.EraseAsync(partition, cancellationToken);
}
