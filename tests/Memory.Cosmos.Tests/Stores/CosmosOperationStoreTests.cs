using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Cosmos.Stores;
using MemoryFunctions.Cosmos.Tests.Fakes;

namespace MemoryFunctions.Cosmos.Tests.Stores;

public sealed class CosmosOperationStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeContainer _container = new();
    private readonly CosmosOperationStore _store;

    public CosmosOperationStoreTests() =>
        _store = new CosmosOperationStore(new CosmosMemoryContainer(_container, new CosmosStoreSettings("db", "memories", 3, Microsoft.Azure.Cosmos.VectorIndexType.Flat, true)));

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
    public async Task UpdateAsync_Missing_NotFoundAndNotResurrected()
    {
        var result = await _store.UpdateAsync(Operation());

        Assert.Equal(WriteStatus.NotFound, result.Status);
        Assert.Equal(["e|epoch"], _container.Documents.Keys.Select(key => key.Id));
    }

    [Fact]
    public async Task GetAsync_Missing_Null()
    {
        Assert.Null(await _store.GetAsync(new MemoryPartition("t", "u"), "op_missing"));
    }

    [Fact]
    public async Task ListUnfinishedAsync_Query_CrossPartitionQueuedOrRunning()
    {
        _container.Query = (_, _) => [];

        await foreach (var _ in _store.ListUnfinishedAsync())
        {
        }

        var (query, options) = Assert.Single(_container.Queries);
        Assert.Null(options!.PartitionKey);
        Assert.Contains("c.status IN ('queued', 'running')", query.QueryText, StringComparison.Ordinal);
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
