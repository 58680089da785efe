using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using Xunit;

namespace MemoryFunctions.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IOperationStore"/> must show, run against each real store by deriving from this class;
/// like <see cref="MemoryStoreConformanceTests"/>, each test works in a fresh random tenant and a derived class that cannot
/// run returns a <see cref="SkipReason"/>.
/// </summary>
public abstract class OperationStoreConformanceTests
{
    /// <summary>Null when the store is available; otherwise why every test is skipped.</summary>
    protected virtual string? SkipReason => null;

    private static DateTimeOffset Now { get; } = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IOperationStore> CreateStoreAsync();

    [SkippableFact]
    public async Task CreateAsync_New_WrittenWithETagAndReadBack()
    {
        var (store, partition) = await StartAsync();

        var result = await store.CreateAsync(Operation(partition));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Operation!.ETag));
        var read = await store.GetAsync(partition, "op_1");
        Assert.Equal(result.Operation.ETag, read!.ETag);
        Assert.Equal("hello", read.Request.Messages[0].Content);
    }

    [SkippableFact]
    public async Task CreateAsync_SameId_AlreadyExistsWithTheFirst()
    {
        var (store, partition) = await StartAsync();
        await store.CreateAsync(Operation(partition));

        var second = await store.CreateAsync(Operation(partition) with { IdempotencyKey = "other" });

        Assert.Equal(WriteStatus.AlreadyExists, second.Status);
        Assert.Equal("key", second.Operation!.IdempotencyKey);
    }

    [SkippableFact]
    public async Task UpdateAsync_CurrentETag_WrittenWithNewETag()
    {
        var (store, partition) = await StartAsync();
        var created = (await store.CreateAsync(Operation(partition))).Operation!;

        var result = await store.UpdateAsync(created with { Status = OperationStatus.Running, Progress = new OperationProgress("embed", 1, 2) });

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.NotEqual(created.ETag, result.Operation!.ETag);
        Assert.Equal(new OperationProgress("embed", 1, 2), (await store.GetAsync(partition, "op_1"))!.Progress);
    }

    [SkippableFact]
    public async Task UpdateAsync_StaleRunningAfterSucceeded_CannotOverwriteTheFinishedOperation()
    {
        var (store, partition) = await StartAsync();
        var created = (await store.CreateAsync(Operation(partition))).Operation!;
        var finished = await store.UpdateAsync(created with { Status = OperationStatus.Succeeded });

        // A progress report that read the operation before it finished writes late.
        var late = await store.UpdateAsync(created with { Status = OperationStatus.Running, Progress = new OperationProgress("apply", 1, 3) });

        Assert.Equal(WriteStatus.PreconditionFailed, late.Status);
        Assert.Equal(OperationStatus.Succeeded, late.Operation!.Status);
        var read = await store.GetAsync(partition, "op_1");
        Assert.Equal(OperationStatus.Succeeded, read!.Status);
        Assert.Equal(finished.Operation!.ETag, read.ETag);
    }

    [SkippableFact]
    public async Task ListUnfinishedAsync_OnlyQueuedAndRunning()
    {
        var (store, partition) = await StartAsync();
        await store.CreateAsync(Operation(partition, "op_queued"));
        var done = (await store.CreateAsync(Operation(partition, "op_done"))).Operation!;
        await store.UpdateAsync(done with { Status = OperationStatus.Failed, Error = new OperationError("t", "failed", "d") });

        var unfinished = new List<string>();
        await foreach (var operation in store.ListUnfinishedAsync())
        {
            if (operation.Partition == partition)
            {
                unfinished.Add(operation.Id);
            }
        }

        Assert.Equal(["op_queued"], unfinished);
    }

    [SkippableFact]
    public async Task ExportAsync_OnlyThisPartition()
    {
        var (store, partition) = await StartAsync();
        var other = partition with { UserId = partition.UserId + "-other" };
        await store.CreateAsync(Operation(partition));
        await store.CreateAsync(Operation(other));

        var exported = new List<MemoryOperation>();
        await foreach (var operation in store.ExportAsync(partition))
        {
            exported.Add(operation);
        }

        Assert.Equal(partition, Assert.Single(exported).Partition);
    }

    private async Task<(IOperationStore Store, MemoryPartition Partition)> StartAsync()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var store = await CreateStoreAsync();
        return (store, new MemoryPartition("conformance-" + Guid.NewGuid().ToString("N")[..12], "user-" + Guid.NewGuid().ToString("N")[..8]));
    }

    private static MemoryOperation Operation(MemoryPartition partition, string id = "op_1") => new()
    {
        Id = id,
        TenantId = partition.TenantId,
        UserId = partition.UserId,
        Request = new IngestionRequest([new ConversationMessage("m1", MessageRole.User, "hello", Now)]),
        IdempotencyKey = "key",
        CreatedAt = Now,
        UpdatedAt = Now,
    };
}
