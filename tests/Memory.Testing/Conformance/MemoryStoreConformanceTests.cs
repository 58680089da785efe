using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using Xunit;

namespace MemoryFunctions.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IMemoryStore"/> must show, run against each real store by deriving from this class.
/// Every test works in a fresh random tenant, so the suite can run against a shared real account and in parallel.
/// A derived class that cannot run (no account configured) returns a <see cref="SkipReason"/>; each test then reports SKIPPED.
/// This file: helpers and point operations. List, search, history, export and erasure are in the other partial files.
/// </summary>
public abstract partial class MemoryStoreConformanceTests
{
    /// <summary>Length of the vectors the store accepts (a Cosmos container's dimensions are fixed).</summary>
    protected virtual int Dimensions => 16;

    /// <summary>Null when the store is available; otherwise why every test is skipped.</summary>
    protected virtual string? SkipReason => null;

    /// <summary>A reference instant close to the real clock: stores with server-side TTL (Cosmos) expire by real time.</summary>
    protected static DateTimeOffset Now { get; } = new(DateTime.UtcNow.Ticks - (DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    protected abstract Task<IMemoryStore> CreateStoreAsync();

    [SkippableFact]
    public async Task AddAsync_NewMemory_WrittenWithETagAndReadBackUnchanged()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "The user likes green tea", kind: MemoryKind.Preference, agentId: "agent-1", sessionId: "s-1",
            tags: ["drinks", "tea"], metadata: new() { ["source"] = MetadataValue.FromString("chat"), ["score"] = MetadataValue.FromNumber(2.5), ["pinned"] = MetadataValue.FromBoolean(true) });

        var result = await store.AddAsync(partition, memory, Added(memory));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Memory!.ETag));
        var read = await store.GetAsync(partition, memory.Id);
        Assert.NotNull(read);
        Assert.Equal(result.Memory.ETag, read.ETag);
        AssertSameContent(memory, read);
    }

    [SkippableFact]
    public async Task AddAsync_ExistingId_AlreadyExistsWithStoredRecord()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "The user lives in Lisbon");
        var first = await store.AddAsync(partition, memory, Added(memory));

        var second = await store.AddAsync(partition, memory with { Importance = 0.9 }, Added(memory));

        Assert.Equal(WriteStatus.AlreadyExists, second.Status);
        Assert.Equal(first.Memory!.ETag, second.Memory!.ETag);
        Assert.Equal(memory.Importance, second.Memory.Importance);
    }

    [SkippableFact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        var (store, partition) = await StartAsync();

        Assert.Null(await store.GetAsync(partition, "mem_does_not_exist"));
    }

    [SkippableFact]
    public async Task ReplaceAsync_CurrentETag_WrittenWithNewETag()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "The user works at Contoso");
        var added = (await store.AddAsync(partition, memory, Added(memory))).Memory!;
        var changed = added with { Text = "The user works at Fabrikam", UpdatedAt = Now.AddMinutes(1) };

        var result = await store.ReplaceAsync(partition, changed, added.ETag, Updated(changed, memory.Text));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.NotEqual(added.ETag, result.Memory!.ETag);
        var read = await store.GetAsync(partition, memory.Id);
        Assert.Equal("The user works at Fabrikam", read!.Text);
        Assert.Equal(result.Memory.ETag, read.ETag);
    }

    [SkippableFact]
    public async Task ReplaceAsync_StaleETag_PreconditionFailedWithCurrentRecord()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "The user has a dog");
        var added = (await store.AddAsync(partition, memory, Added(memory))).Memory!;
        var current = (await store.ReplaceAsync(partition, added with { Importance = 0.8 }, added.ETag, Updated(added, added.Text, Now.AddMinutes(1)))).Memory!;

        var result = await store.ReplaceAsync(partition, added with { Importance = 0.1 }, added.ETag, Updated(added, added.Text, Now.AddMinutes(2)));

        Assert.Equal(WriteStatus.PreconditionFailed, result.Status);
        Assert.Equal(current.ETag, result.Memory!.ETag);
        Assert.Equal(0.8, (await store.GetAsync(partition, memory.Id))!.Importance);
    }

    [SkippableFact]
    public async Task ReplaceAsync_NullETag_ReplacesUnconditionally()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "The user plays chess");
        await store.AddAsync(partition, memory, Added(memory));

        var result = await store.ReplaceAsync(partition, memory with { Importance = 0.7 }, null, Updated(memory, memory.Text));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.Equal(0.7, (await store.GetAsync(partition, memory.Id))!.Importance);
    }

    [SkippableFact]
    public async Task ReplaceAsync_UnknownId_NotFound()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "Never stored");

        var result = await store.ReplaceAsync(partition, memory, null, Updated(memory, memory.Text));

        Assert.Equal(WriteStatus.NotFound, result.Status);
        Assert.Null(await store.GetAsync(partition, memory.Id));
    }

    [SkippableFact]
    public async Task DeleteAsync_CurrentETag_RemovesMemoryAndReturnsIt()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "The user owns a bike");
        var added = (await store.AddAsync(partition, memory, Added(memory))).Memory!;

        var result = await store.DeleteAsync(partition, memory.Id, added.ETag, Deleted(added));

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.Equal(memory.Id, result.Memory!.Id);
        Assert.Null(await store.GetAsync(partition, memory.Id));
    }

    [SkippableFact]
    public async Task DeleteAsync_StaleETag_PreconditionFailedAndKept()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "The user speaks Dutch");
        var added = (await store.AddAsync(partition, memory, Added(memory))).Memory!;
        await store.ReplaceAsync(partition, added with { Importance = 0.9 }, added.ETag, Updated(added, added.Text, Now.AddMinutes(1)));

        var result = await store.DeleteAsync(partition, memory.Id, added.ETag, Deleted(added));

        Assert.Equal(WriteStatus.PreconditionFailed, result.Status);
        Assert.NotNull(await store.GetAsync(partition, memory.Id));
    }

    [SkippableFact]
    public async Task DeleteAsync_UnknownId_NotFound()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "Never stored either");

        var result = await store.DeleteAsync(partition, memory.Id, null, Deleted(memory));

        Assert.Equal(WriteStatus.NotFound, result.Status);
    }

    [SkippableFact]
    public async Task GetAsync_SameIdInAnotherPartition_IsolatedFromEachOther()
    {
        var (store, partition) = await StartAsync();
        var other = new MemoryPartition(partition.TenantId, partition.UserId + "-other");
        var mine = Memory(partition, "Shared statement") with { Id = "mem_shared" };
        var theirs = Memory(other, "Shared statement") with { Id = "mem_shared", Importance = 0.1 };
        await store.AddAsync(partition, mine, Added(mine));

        var added = await store.AddAsync(other, theirs, Added(theirs));

        Assert.Equal(WriteStatus.Written, added.Status);
        Assert.Equal(0.5, (await store.GetAsync(partition, "mem_shared"))!.Importance);
        Assert.Equal(0.1, (await store.GetAsync(other, "mem_shared"))!.Importance);
        Assert.Null(await store.GetAsync(new MemoryPartition(partition.TenantId + "-x", partition.UserId), "mem_shared"));
    }
}
