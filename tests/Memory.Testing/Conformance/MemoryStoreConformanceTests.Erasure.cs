using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using Xunit;

namespace MemoryFunctions.Testing.Conformance;

/// <summary>
/// Erasure: from the moment <see cref="IMemoryStore.EraseAsync"/> returns nothing of the user is readable, whether the store
/// deleted it at once (the embedded store) or deletes it later (<see cref="IMemoryStore.ContinueEraseAsync"/>, Cosmos DB).
/// </summary>
public abstract partial class MemoryStoreConformanceTests
{
    /// <summary>Generous: a few records a step would finish in a handful of calls.</summary>
    private const int MaxContinueCalls = 50;

    [SkippableFact]
    public async Task EraseAsync_Partition_NothingReadableFromItsReturnWhileDeletingAndEverythingGoneAfter()
    {
        var (store, partition) = await StartAsync();
        var neighbour = new MemoryPartition(partition.TenantId, partition.UserId + "-neighbour");
        var first = Memory(partition, "Erase one");
        var second = Memory(partition, "Erase two");
        var kept = Memory(neighbour, "Keep me");
        await AddAllAsync(store, partition, first, second);
        await AddAllAsync(store, neighbour, kept);
        await store.DeleteAsync(partition, second.Id, null, Deleted(second));

        var erased = await store.EraseAsync(partition);

        await AssertNothingReadableAsync(store, partition, first, second);
        var counted = erased.Finished ? new ErasureCount(erased.MemoriesErased, erased.OperationsErased, 0) : await store.CountErasureAsync(partition, erased.Epoch);
        Assert.Equal(1, counted.Memories);
        await ContinueUntilFinishedAsync(store, partition, erased.Epoch);
        await AssertNothingReadableAsync(store, partition, first, second);
        Assert.Equal(0, (await store.CountErasureAsync(partition, erased.Epoch)).Documents);
        Assert.NotNull(await store.GetAsync(neighbour, kept.Id));
    }

    [SkippableFact]
    public async Task EraseAsync_SameMemoryWrittenAgainBeforeDeletingEnds_TheNewOneIsVisibleAndKept()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "Lives in Oslo");
        await AddAllAsync(store, partition, memory);
        var erased = await store.EraseAsync(partition);

        // The same deterministic id as the erased memory, written in the new epoch while the old one may still be stored.
        var again = await store.AddAsync(partition, memory with { Importance = 0.9 }, Added(memory), MemoryWriteOptions.InEpoch(erased.Epoch));
        await ContinueUntilFinishedAsync(store, partition, erased.Epoch);

        Assert.Equal(WriteStatus.Written, again.Status);
        Assert.Equal(0.9, (await store.GetAsync(partition, memory.Id))!.Importance);
        Assert.Single(await ToListAsync(store.ExportMemoriesAsync(partition)));
    }

    private static async Task ContinueUntilFinishedAsync(IMemoryStore store, MemoryPartition partition, long epoch)
    {
        for (var call = 0; call < MaxContinueCalls; call++)
        {
            if ((await store.ContinueEraseAsync(partition, epoch)).Finished)
            {
                return;
            }
        }

        Assert.Fail($"The erase was not finished after {MaxContinueCalls} steps.");
    }

    private async Task AssertNothingReadableAsync(IMemoryStore store, MemoryPartition partition, MemoryRecord live, MemoryRecord deleted)
    {
        Assert.Null(await store.GetAsync(partition, live.Id));
        Assert.Empty((await store.ListAsync(partition, Filter() with { IncludeSuperseded = true }, 10, null)).Items);
        Assert.Empty(await store.SearchAsync(partition, new MemorySearchQuery(Vector(1), "erase", Filter(), 10)));
        Assert.Empty(await ToListAsync(store.ExportMemoriesAsync(partition)));
        Assert.Empty(await ToListAsync(store.ExportHistoryAsync(partition)));
        Assert.Empty(await store.GetHistoryAsync(partition, deleted.Id));
    }
}
