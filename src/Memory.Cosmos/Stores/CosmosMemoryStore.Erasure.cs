using System.Globalization;
using System.Net;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Documents;
using MemoryFunctions.Cosmos.Queries;
using Microsoft.Azure.Cosmos;

namespace MemoryFunctions.Cosmos.Stores;

/// <summary>
/// Right to erasure as a resumable background job. <see cref="EraseAsync"/> only moves the epoch (one conditional write,
/// ~10 RU): from its return every read hides the user's older documents (<see cref="EpochView"/>) and every fenced write of
/// work begun before is refused. <see cref="ContinueEraseAsync"/> then deletes them a bounded chunk at a time, by id, at
/// <see cref="PriorityLevel.Low"/> (the account sheds these first when it is busy, so other users' requests keep their
/// throughput), a few at once, waiting out every 429 for the <c>x-ms-retry-after-ms</c> it carries. Everything it selects
/// is older than the epoch, so running it again after a crash deletes what is left and nothing else.
/// </summary>
/// <remarks>
/// Delete-by-partition-key cannot be used: it would take the epoch document with it, and a stale write could then recreate
/// the partition. What stays, by design: the epoch document, erase operations (ids and counts) and the content-free stubs of
/// ingestions that were unfinished when their user was erased.
/// </remarks>
internal sealed partial class CosmosMemoryStore
{
    /// <summary>Documents one <see cref="ContinueEraseAsync"/> deletes at most.</summary>
    internal const int EraseChunkSize = 100;

    /// <summary>Deletes in flight at once: enough to use a quiet account, few enough that a throttled one is not flooded.</summary>
    private const int DeleteParallelism = 4;

    /// <summary>How long one step may spend waiting out throttling before it returns what it did (the next step goes on).</summary>
    private static readonly TimeSpan ThrottleBudget = TimeSpan.FromSeconds(60);

    /// <summary>A 429 without a retry time (the SDK always sends one; this is a guard).</summary>
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromMilliseconds(100);

    public async Task<PartitionErasure> EraseAsync(MemoryPartition partition, CancellationToken cancellationToken = default)
    {
        var epoch = await PartitionEpochs.AdvanceAsync(_container, partition, timeProvider.GetUtcNow(), cancellationToken);
        return new PartitionErasure(0, 0, epoch, Finished: false);
    }

    public async Task<ErasureCount> CountErasureAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default)
    {
        var deadline = timeProvider.GetUtcNow() + ThrottleBudget;
        var memories = await CountAsync(partition, ErasureQueries.CountMemories(epoch), deadline, cancellationToken);
        var history = await CountAsync(partition, ErasureQueries.CountHistory(epoch), deadline, cancellationToken);
        var operations = await CountAsync(partition, ErasureQueries.CountOperations(epoch), deadline, cancellationToken);
        return new ErasureCount(memories, operations, memories + history + operations);
    }

    public async Task<ErasureChunk> ContinueEraseAsync(MemoryPartition partition, long epoch, CancellationToken cancellationToken = default)
    {
        var deadline = timeProvider.GetUtcNow() + ThrottleBudget;
        var options = LowPriority(partition);
        var unfinished = await ThrottledAsync(
            () => FeedReader.ToListAsync<OperationDocument>(_container, ErasureQueries.UnfinishedOperations(epoch), options, "erase.unfinished", cancellationToken), deadline, cancellationToken);
        var ids = await ThrottledAsync(
            () => FeedReader.ToListAsync<string>(_container, ErasureQueries.NextToDelete(epoch, EraseChunkSize), options, "erase.ids", cancellationToken), deadline, cancellationToken);
        if (unfinished is null || ids is null)
        {
            return new ErasureChunk(0, Finished: false);
        }

        var done = 0;
        var complete = true;
        foreach (var document in unfinished)
        {
            var stub = DocumentMapper.ToDocument(DocumentMapper.ToRecord(document).EndedByErase()!);
            (done, complete) = Tally(await WriteLowAsync(partition, "erase.stub", (request, token) => ReplaceStubAsync(stub, document.ETag, request, token), deadline, cancellationToken), done, complete);
        }

        var outcomes = new bool?[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = DeleteParallelism, CancellationToken = cancellationToken },
            async (i, token) => outcomes[i] = await WriteLowAsync(
                partition, "erase.item", (request, inner) => _container.DeleteItemStreamAsync(ids[i], CosmosPartitionKeys.For(partition), request, inner), deadline, token));
        foreach (var outcome in outcomes)
        {
            (done, complete) = Tally(outcome, done, complete);
        }

        return new ErasureChunk(done, Finished: complete && ids.Count < EraseChunkSize);
    }

    /// <summary>true: written (counted); false: already gone or changed (nothing to count); null: still throttled at the deadline.</summary>
    private static (int Done, bool Complete) Tally(bool? outcome, int done, bool complete) =>
        (done + (outcome == true ? 1 : 0), complete && outcome is not null);

    private async Task<ResponseMessage> ReplaceStubAsync(OperationDocument stub, string? etag, ItemRequestOptions request, CancellationToken cancellationToken)
    {
        // Exactly the version selected: only our own stubbing can change an operation of an erased epoch (its workflow's writes are fenced).
        request.IfMatchEtag = etag;
        using var content = CosmosJson.ToStream(stub);
        return await _container.ReplaceItemStreamAsync(content, stub.Id, CosmosPartitionKeys.For(new MemoryPartition(stub.TenantId, stub.UserId)), request, cancellationToken);
    }

    /// <summary>
    /// One low-priority write, retried after every 429 for as long as it asks, until <paramref name="deadline"/>. 404 and 412
    /// mean someone got there first (a resumed or concurrent erase): nothing left to do. Other failures throw.
    /// </summary>
    private async Task<bool?> WriteLowAsync(
        MemoryPartition partition, string operation, Func<ItemRequestOptions, CancellationToken, Task<ResponseMessage>> write, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await write(new ItemRequestOptions { PriorityLevel = PriorityLevel.Low, EnableContentResponseOnWrite = false }, cancellationToken);
            Record(operation, partition, response.StatusCode, response.Headers.RequestCharge);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
            {
                return false;
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                CosmosFailures.ThrowIfFailed(response, operation);
                return true;
            }

            if (!await WaitAsync(RetryAfter(response.Headers), deadline, cancellationToken))
            {
                return null;
            }
        }
    }

    private async Task<int> CountAsync(MemoryPartition partition, QueryDefinition query, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var counts = await ThrottledAsync(() => FeedReader.ToListAsync<int>(_container, query, LowPriority(partition), "erase.count", cancellationToken), deadline, cancellationToken);
        return counts?.Sum() ?? throw new StoreFailureException(StoreFailureKind.Throttled, "Cosmos DB erase.count stayed throttled; retry later.", ThrottleBudget);
    }

    /// <summary>A query, retried after every 429 until <paramref name="deadline"/>; null when still throttled then.</summary>
    private async Task<T?> ThrottledAsync<T>(Func<Task<T>> query, DateTimeOffset deadline, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            try
            {
                return await query();
            }
            catch (StoreFailureException failure) when (failure.Kind == StoreFailureKind.Throttled)
            {
                if (!await WaitAsync(failure.RetryAfter ?? DefaultRetryAfter, deadline, cancellationToken))
                {
                    return null;
                }
            }
        }
    }

    /// <summary>Waits <paramref name="delay"/> on the store's clock unless that ends past <paramref name="deadline"/>.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (timeProvider.GetUtcNow() + delay > deadline)
        {
            return false;
        }

        await Task.Delay(delay, timeProvider, cancellationToken);
        return true;
    }

    private static QueryRequestOptions LowPriority(MemoryPartition partition)
    {
        var options = FeedReader.InPartition(CosmosPartitionKeys.For(partition));
        options.PriorityLevel = PriorityLevel.Low;
        return options;
    }

    private static TimeSpan RetryAfter(Headers headers) =>
        long.TryParse(headers["x-ms-retry-after-ms"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds(ms) : DefaultRetryAfter;
}
