using System.Text.Json.Nodes;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Gateway.Documents;
using MemoryFunctions.Cosmos.Tests.Gateway;
using MemoryFunctions.Testing;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>Batch composition, status translation and the epoch fence of the memory store, through the real SDK against the gateway double.</summary>
public sealed partial class CosmosMemoryStoreTests : IDisposable
{
    private static readonly MemoryPartition Partition = new("tenant-1", "user-1");
    private const string PartitionKey = "[\"tenant-1\",\"user-1\"]";
    private static readonly DateTimeOffset Now = TestRecords.Now;
    private readonly FakeTimeProvider _clock = new();
    private readonly GatewayStores _stores;

    public CosmosMemoryStoreTests() => _stores = new GatewayStores(clock: _clock);

    private GatewayDocuments Documents => _stores.Gateway.Documents;

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task AddAsync_NewMemory_MemoryAndHistoryWrittenInOneBatch()
    {
        var memory = Memory("Likes tea");

        var result = await Store().AddAsync(Partition, memory, Added(memory));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Memory!.ETag));
        Assert.Single(_stores.Gateway.Requests, r => r.IsBatch);
        Assert.Equal(result.Memory.ETag, (string?)Documents.Find(PartitionKey, "m|" + memory.Id)!["_etag"]);
        Assert.NotNull(Documents.Find(PartitionKey, "h|" + Added(memory).Id));
    }

    [Fact]
    public async Task AddAsync_ExistingId_AlreadyExistsAndNothingElseWritten()
    {
        var memory = Memory("Likes tea");
        var store = Store();
        await store.AddAsync(Partition, memory, Added(memory));
        var retry = memory with { Importance = 0.9 };

        var result = await store.AddAsync(Partition, retry, HistoryEvents.For(retry, HistoryOperation.Add, null, retry.Text, _clock.GetUtcNow().AddMinutes(1), "test"));

        Assert.Equal(WriteStatus.AlreadyExists, result.Status);
        Assert.Equal(0.5, result.Memory!.Importance);
        Assert.Equal(["h|" + Added(memory).Id, "m|" + memory.Id], Documents.Ids(PartitionKey).Where(id => id != Cosmos.Documents.DocumentTypes.EpochDocumentId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddAsync_MemoryOfAnotherPartition_Rejected()
    {
        var memory = Memory("Likes tea") with { UserId = "someone-else" };

        await Assert.ThrowsAsync<ArgumentException>(() => Store().AddAsync(Partition, memory, Added(memory)));
    }

    [Fact]
    public async Task AddAsync_ExpiringMemory_TtlSecondsUntilExpiry()
    {
        var memory = Memory("Parking spot 12") with { ExpiresAt = _clock.GetUtcNow().AddMinutes(10) };

        await Store().AddAsync(Partition, memory, Added(memory));

        Assert.Equal(600, (int?)Documents.Find(PartitionKey, "m|" + memory.Id)!["ttl"]);
    }

    [Fact]
    public async Task GetAsync_Missing_Null()
    {
        Assert.Null(await Store().GetAsync(Partition, "mem_missing"));
    }

    [Fact]
    public async Task ReplaceAsync_StaleETag_PreconditionFailedWithCurrentAndNoHistory()
    {
        var memory = Memory("Likes tea");
        var store = Store();
        var added = (await store.AddAsync(Partition, memory, Added(memory))).Memory!;
        var current = (await store.ReplaceAsync(Partition, added with { Importance = 0.8 }, added.ETag, Updated(added))).Memory!;
        var documents = Documents.Ids(PartitionKey).Count;

        var result = await store.ReplaceAsync(Partition, added with { Importance = 0.1 }, added.ETag, Updated(added, 2));

        Assert.Equal(WriteStatus.PreconditionFailed, result.Status);
        Assert.Equal(current.ETag, result.Memory!.ETag);
        Assert.Equal(documents, Documents.Ids(PartitionKey).Count);
    }

    [Fact]
    public async Task ReplaceAsync_Missing_NotFound()
    {
        var memory = Memory("Never added");

        Assert.Equal(WriteStatus.NotFound, (await Store().ReplaceAsync(Partition, memory, null, Updated(memory))).Status);
    }

    [Fact]
    public async Task DeleteAsync_CurrentETag_RemovedHistoryKept()
    {
        var memory = Memory("Likes tea");
        var store = Store();
        var added = (await store.AddAsync(Partition, memory, Added(memory))).Memory!;

        var result = await store.DeleteAsync(Partition, memory.Id, added.ETag, Deleted(added));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.Equal(added.ETag, result.Memory!.ETag);
        Assert.Null(Documents.Find(PartitionKey, "m|" + memory.Id));
        Assert.Equal(2, Documents.Ids(PartitionKey).Count(id => id.StartsWith("h|", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DeleteAsync_StaleETag_PreconditionFailedWithoutBatch()
    {
        var memory = Memory("Likes tea");
        var store = Store();
        await store.AddAsync(Partition, memory, Added(memory));

        var result = await store.DeleteAsync(Partition, memory.Id, "\"stale\"", Deleted(memory));

        Assert.Equal(WriteStatus.PreconditionFailed, result.Status);
        Assert.Single(_stores.Gateway.Requests, r => r.IsBatch);
        Assert.NotNull(Documents.Find(PartitionKey, "m|" + memory.Id));
    }

    [Fact]
    public async Task DeleteAsync_Missing_NotFound()
    {
        var memory = Memory("Never added");

        Assert.Equal(WriteStatus.NotFound, (await Store().DeleteAsync(Partition, memory.Id, null, Deleted(memory))).Status);
    }

    [Fact]
    public async Task EraseAsync_MovesTheEpochOnly_EverythingStillStoredAndNothingOfItReadable()
    {
        var store = Store();
        var operations = _stores.Operations;
        var memory = Memory("Likes tea");
        await store.AddAsync(Partition, memory, Added(memory));
        var other = new MemoryPartition("tenant-1", "user-2");
        var theirs = Memory("Likes coffee", other);
        await store.AddAsync(other, theirs, Added(theirs));
        await operations.CreateAsync(Operation("op_running", OperationStatus.Running));
        await operations.CreateAsync(Operation("op_done", OperationStatus.Succeeded));
        var stored = Documents.Count;

        var erased = await store.EraseAsync(Partition);

        Assert.Equal((0, 0, 1L, false), (erased.MemoriesErased, erased.OperationsErased, erased.Epoch, erased.Finished));
        Assert.Equal(stored, Documents.Count);
        Assert.True((bool)Documents.Find(PartitionKey, Cosmos.Documents.DocumentTypes.EpochDocumentId)!["documentsStamped"]!);
        Assert.Null(await store.GetAsync(Partition, memory.Id));
        Assert.Null(await operations.GetAsync(Partition, "op_done"));
        var stub = await operations.GetAsync(Partition, "op_running");
        Assert.Equal((OperationStatus.Cancelled, MemoryOperation.ProblemTypeUserErased), (stub!.Status, stub.Error!.Type));
        Assert.Empty(stub.Request.Messages);
        Assert.Equal(1, await store.GetEpochAsync(Partition));
        Assert.NotNull(await store.GetAsync(other, theirs.Id));
    }

    [Fact]
    public async Task GetAsync_OperationAcceptedAfterTheEpochMoved_ReadsAsItIs()
    {
        var store = Store();
        var operations = _stores.Operations;
        await operations.CreateAsync(Operation("op_old", OperationStatus.Running));
        await store.EraseAsync(Partition);

        await operations.CreateAsync(Operation("op_new", OperationStatus.Running) with { Epoch = 1 });

        Assert.Equal(OperationStatus.Cancelled, (await operations.GetAsync(Partition, "op_old"))!.Status);
        var fresh = await operations.GetAsync(Partition, "op_new");
        Assert.Equal(OperationStatus.Running, fresh!.Status);
        Assert.NotEmpty(fresh.Request.Messages);
    }

    [Fact]
    public async Task AddAsync_FencedWithEpochBeforeErase_RefusedInTheSameBatch()
    {
        var store = Store();
        var epoch = await store.GetEpochAsync(Partition);
        await store.EraseAsync(Partition);
        var memory = Memory("Likes tea");

        var stale = await store.AddAsync(Partition, memory, Added(memory), MemoryWriteOptions.InEpoch(epoch));
        var fresh = await store.AddAsync(Partition, memory, Added(memory), MemoryWriteOptions.InEpoch(epoch + 1));

        Assert.Equal(WriteStatus.PartitionErased, stale.Status);
        Assert.Equal(WriteStatus.Written, fresh.Status);
        Assert.Equal(1, (long)Documents.Find(PartitionKey, "e|epoch")!["fencedWrites"]!);
        Assert.Equal(1, (long)Documents.Find(PartitionKey, "m|" + memory.Id)!["epoch"]!);
    }

    [Fact]
    public async Task AddAsync_SameIdAsAnErasedMemoryNotYetDeleted_WrittenOverItInTheNewEpoch()
    {
        var store = Store();
        var memory = Memory("Likes tea");
        await store.AddAsync(Partition, memory, Added(memory));
        await store.EraseAsync(Partition);

        var again = await store.AddAsync(Partition, memory with { Importance = 0.9 }, Added(memory));

        Assert.Equal(WriteStatus.Written, again.Status);
        Assert.Equal(0.9, (await store.GetAsync(Partition, memory.Id))!.Importance);
        Assert.Equal(1, (long)Documents.Find(PartitionKey, "m|" + memory.Id)!["epoch"]!);
    }

    [Fact]
    public async Task UpdateAsync_OperationBegunBeforeErase_RefusedAndReadsAsTheStub()
    {
        var store = Store();
        var operations = _stores.Operations;
        var running = (await operations.CreateAsync(Operation("op_running", OperationStatus.Running))).Operation!;
        await store.EraseAsync(Partition);

        var late = await operations.UpdateAsync(running with { Status = OperationStatus.Succeeded });

        Assert.Equal(WriteStatus.PartitionErased, late.Status);
        Assert.Equal(OperationStatus.Cancelled, (await operations.GetAsync(Partition, "op_running"))!.Status);
    }

    private static MemoryOperation Operation(string id, OperationStatus status) => TestRecords.Operation(Partition, id, status, Now);

    private Cosmos.Stores.CosmosMemoryStore Store() => _stores.Memories;

    private MemoryRecord Memory(string text, MemoryPartition? partition = null) => TestRecords.Memory(partition ?? Partition, text, _clock.GetUtcNow()) with { Embedding = Unit() };

    private static float[] Unit()
    {
        var vector = new float[1536];
        vector[0] = 1;
        return vector;
    }

    private HistoryEvent Added(MemoryRecord memory) => TestRecords.Added(memory, _clock.GetUtcNow());

    private HistoryEvent Updated(MemoryRecord memory, int minutes = 1) =>
        HistoryEvents.For(memory, HistoryOperation.Update, memory.Text, memory.Text, _clock.GetUtcNow().AddMinutes(minutes), "test");

    private HistoryEvent Deleted(MemoryRecord memory) => HistoryEvents.For(memory, HistoryOperation.Delete, memory.Text, null, _clock.GetUtcNow().AddHours(1), "test");
}
