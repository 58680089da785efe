using System.Diagnostics;
using System.Runtime.CompilerServices;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Core.Diagnostics;

/// <summary>
/// Times every call of the store it wraps (<see cref="MemoryTelemetry.StoreDuration"/>) and traces it as an activity,
/// whatever the store: one decorator instead of timing code in each adapter. Ids and counts only, never memory text.
/// </summary>
internal sealed class InstrumentedMemoryStore(IMemoryStore inner, TimeProvider timeProvider) : IMemoryStore
{
    public int WritesTogether => inner.WritesTogether;

    public Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default) =>
        TimeAsync("get", () => inner.GetAsync(partition, id, cancellationToken));

    public Task<MemoryWriteResult> AddAsync(MemoryPartition partition, MemoryRecord memory, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        TimeAsync("add", () => inner.AddAsync(partition, memory, history, options, cancellationToken));

    public Task<MemoryWriteResult> ReplaceAsync(MemoryPartition partition, MemoryRecord memory, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        TimeAsync("replace", () => inner.ReplaceAsync(partition, memory, expectedETag, history, options, cancellationToken));

    public Task<MemoryWriteResult> DeleteAsync(MemoryPartition partition, string id, string? expectedETag, HistoryEvent history, MemoryWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        TimeAsync("delete", () => inner.DeleteAsync(partition, id, expectedETag, history, options, cancellationToken));

    public Task<Page<MemoryRecord>> ListAsync(MemoryPartition partition, MemoryFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        TimeAsync("list", () => inner.ListAsync(partition, filter, pageSize, continuationToken, cancellationToken));

    public Task<IReadOnlyList<SearchCandidate>> SearchAsync(MemoryPartition partition, MemorySearchQuery query, CancellationToken cancellationToken = default) =>
        TimeAsync("search", () => inner.SearchAsync(partition, query, cancellationToken));

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(MemoryPartition partition, string memoryId, CancellationToken cancellationToken = default) =>
        TimeAsync("history", () => inner.GetHistoryAsync(partition, memoryId, cancellationToken));

    public Task<long> GetEpochAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        TimeAsync("epoch", () => inner.GetEpochAsync(partition, cancellationToken));

    public Task<PartitionErasure> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        TimeAsync("erase", () => inner.EraseAsync(partition, cancellationToken));

    public Task<ErasureCount> CountErasureAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default) =>
        TimeAsync("erase.count", () => inner.CountErasureAsync(partition, epoch, cancellationToken));

    public Task<ErasureChunk> ContinueEraseAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default) =>
        TimeAsync("erase.continue", () => inner.ContinueEraseAsync(partition, epoch, cancellationToken));

    // Exports stream; their time is the consumer's as much as the store's, so they are passed through untimed.
    public IAsyncEnumerable<MemoryRecord> ExportMemoriesAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.ExportMemoriesAsync(partition, cancellationToken);

    public IAsyncEnumerable<HistoryEvent> ExportHistoryAsync(MemoryPartition partition, CancellationToken cancellationToken = default) =>
        inner.ExportHistoryAsync(partition, cancellationToken);

    private async Task<T> TimeAsync<T>(string operation, Func<Task<T>> call, [CallerMemberName] string method = "")
    {
        using var activity = MemoryTelemetry.ActivitySource.StartActivity("memory.store." + operation, ActivityKind.Internal);
        activity?.SetTag("memory.store.method", method);
        var started = timeProvider.GetTimestamp();
        using var timing = RequestTimings.Measure(operation == "search" ? RequestPhase.StoreSearch : RequestPhase.StoreRead);
        try
        {
            return await call();
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            MemoryTelemetry.StoreDuration.Record(timeProvider.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("memory.store.operation", operation));
        }
    }
}
