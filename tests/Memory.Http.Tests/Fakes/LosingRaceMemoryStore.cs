using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing.Fakes;

namespace MemoryFunctions.Http.Tests.Fakes;

/// <summary>An in-memory store whose conditional writes always lose to a concurrent writer, as if another request got there first.</summary>
public sealed class LosingRaceMemoryStore : IMemoryStore
{
    public InMemoryMemoryStore Inner { get; } = new();

    public Task<MemoryWriteResult> ReplaceAsync(MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new MemoryWriteResult(WriteStatus.PreconditionFailed, memory with { ETag = "\"raced\"" }));

    public Task<MemoryWriteResult> DeleteAsync(MemoryPartition partition, string id, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new MemoryWriteResult(WriteStatus.PreconditionFailed, null));

    public Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default) =>
        Inner.GetAsync(partition, id, cancellationToken);

    public Task<MemoryWriteResult> AddAsync(MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Inner.AddAsync(partition, memory, history, options, cancellationToken);

    public Task<Page<MemoryRecord>> ListAsync(MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        Inner.ListAsync(partition, filter, pageSize, continuationToken, cancellationToken);

    public Task<IReadOnlyList<SearchCandidate>> SearchAsync(MemoryPartition partition, MemorySearchQuery query, CancellationToken cancellationToken = default) =>
        Inner.SearchAsync(partition, query, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(MemoryPartition partition, string memoryId, CancellationToken cancellationToken = default) =>
        Inner.GetHistoryAsync(partition, memoryId, cancellationToken);

    public IAsyncEnumerable<MemoryRecord> ExportMemoriesAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        Inner.ExportMemoriesAsync(partition, cancellationToken);

    public IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        Inner.ExportHistoryAsync(partition, cancellationToken);

    public Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        Inner.GetEpochAsync(partition, cancellationToken);

    public Task<PartitionErasure> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        Inner.EraseAsync(partition, cancellationToken);
}
