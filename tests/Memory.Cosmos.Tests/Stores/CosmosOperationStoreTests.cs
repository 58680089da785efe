using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Cosmos.Tests.Gateway;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>The operation store's writes and reads through the real SDK against the gateway double.</summary>
public sealed class CosmosOperationStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly GatewayStores _stores = new();
    private readonly CosmosOperationStore _store;

    public CosmosOperationStoreTests() => _store = _stores.Operations;

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task CreateAsync_New_WrittenWithETagAndReadable()
    {
        var result = await _store.CreateAsync(Operation());

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Operation!.ETag));
        var read = await _store.GetAsync(new MemoryPartition("t", "u"), "op_1");
        Assert.Equal(OperationStatus.Queued, read!.Status);
        Assert.Equal("hello", read.Request.Messages[0].Content);
    }

    [Fact]
    public async Task CreateAsync_SameId_AlreadyExistsWithFirstOperation()
    {
        await _store.CreateAsync(Operation());

        var result = await _store.CreateAsync(Operation() with { IdempotencyKey = "other" });

        Assert.Equal(WriteStatus.AlreadyExists, result.Status);
        Assert.Equal("key", result.Operation!.IdempotencyKey);
    }

    [Fact]
    public async Task UpdateAsync_Existing_ReplacesStatusAndProgress()
    {
        await _store.CreateAsync(Operation());

        var result = await _store.UpdateAsync(Operation() with { Status = OperationStatus.Running, Progress = new OperationProgress("embed", 1, 2) });

        Assert.Equal(WriteStatus.Written, result.Status);
        var read = await _store.GetAsync(new MemoryPartition("t", "u"), "op_1");
        Assert.Equal(OperationStatus.Running, read!.Status);
        Assert.Equal(new OperationProgress("embed", 1, 2), read.Progress);
    }

    [Fact]
    public async Task UpdateAsync_StaleETagAfterFinish_PreconditionFailedWithTheFinishedOperation()
    {
        var created = (await _store.CreateAsync(Operation())).Operation!;
        var finished = await _store.UpdateAsync(created with { Status = OperationStatus.Succeeded });

        var late = await _store.UpdateAsync(created with { Status = OperationStatus.Running });

        Assert.Equal(WriteStatus.PreconditionFailed, late.Status);
        Assert.Equal(OperationStatus.Succeeded, late.Operation!.Status);
        Assert.Equal(finished.Operation!.ETag, (await _store.GetAsync(new MemoryPartition("t", "u"), "op_1"))!.ETag);
    }

    [Fact]
    public async Task UpdateAsync_Missing_NotFoundAndNotResurrected()
    {
        var result = await _store.UpdateAsync(Operation());

        Assert.Equal(WriteStatus.NotFound, result.Status);
        Assert.Equal(["e|epoch"], _stores.Gateway.Documents.Ids("[\"t\",\"u\"]"));
    }

    [Fact]
    public async Task GetAsync_Missing_Null()
    {
        Assert.Null(await _store.GetAsync(new MemoryPartition("t", "u"), "op_missing"));
    }

    [Fact]
    public async Task ListUnfinishedAsync_Query_CrossPartitionQueuedOrRunning()
    {
        await _store.CreateAsync(Operation());
        await _store.CreateAsync(Operation() with { Id = "op_2", UserId = "v", Status = OperationStatus.Running });
        await _store.CreateAsync(Operation() with { Id = "op_3", UserId = "w", Status = OperationStatus.Succeeded });

        var unfinished = new List<string>();
        await foreach (var operation in _store.ListUnfinishedAsync())
        {
            unfinished.Add(operation.Id);
        }

        Assert.Equal(["op_1", "op_2"], unfinished.Order(StringComparer.Ordinal));
        var query = Assert.Single(_stores.Gateway.Queries);
        Assert.Null(query.PartitionKey);
        Assert.Contains("c.status IN ('queued', 'running')", query.Sql, StringComparison.Ordinal);
    }

    private static MemoryOperation Operation() => new()
    {
        Id = "op_1",
        TenantId = "t",
        UserId = "u",
        Request = new IngestionRequest([new ConversationMessage("m1", MessageRole.User, "hello", Now)]),
        IdempotencyKey = "key",
        CreatedAt = Now,
        UpdatedAt = Now,
    };
}
