using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using Xunit;

namespace MemoryFunctions.Testing.Conformance;

/// <summary>Search channels and ranks, history and export.</summary>
public abstract partial class MemoryStoreConformanceTests
{
    [SkippableFact]
    public async Task SearchAsync_VectorChannel_RanksByCosineSimilarity()
    {
        var (store, partition) = await StartAsync();
        var near = Memory(partition, "Alpha statement", vector: Vector(1, 0.1f));
        var middle = Memory(partition, "Beta statement", vector: Vector(1, 1));
        var far = Memory(partition, "Gamma statement", vector: Vector(0, 1));
        await AddAllAsync(store, partition, far, near, middle);

        var candidates = await store.SearchAsync(partition, new MemorySearchQuery(Vector(1), "zzzz", Filter(), 10));

        var ranked = candidates.Where(c => c.VectorRank is not null).OrderBy(c => c.VectorRank).ToList();
        Assert.Equal([near.Id, middle.Id, far.Id], ranked.Select(c => c.Memory.Id));
        Assert.Equal([1, 2, 3], ranked.Select(c => c.VectorRank!.Value));
        Assert.InRange(ranked[0].VectorSimilarity!.Value, 0.99, 1.0001);
        Assert.True(ranked[0].VectorSimilarity > ranked[1].VectorSimilarity && ranked[1].VectorSimilarity > ranked[2].VectorSimilarity);
    }

    [SkippableFact]
    public async Task SearchAsync_CandidateCount_LimitsEachChannel()
    {
        var (store, partition) = await StartAsync();
        var memories = Enumerable.Range(0, 5).Select(i => Memory(partition, $"Coffee note {i}", vector: Vector(1, i))).ToArray();
        await AddAllAsync(store, partition, memories);

        var candidates = await store.SearchAsync(partition, new MemorySearchQuery(Vector(1), "coffee", Filter(), 2));

        Assert.Equal(2, candidates.Count(c => c.VectorRank is not null));
        Assert.True(candidates.Count(c => c.LexicalRank is not null) <= 2);
        Assert.Equal([memories[0].Id, memories[1].Id], candidates.Where(c => c.VectorRank is not null).OrderBy(c => c.VectorRank).Select(c => c.Memory.Id));
    }

    [SkippableFact]
    public async Task SearchAsync_LexicalChannel_RanksOnlyTextMatches()
    {
        var (store, partition) = await StartAsync();
        var match = Memory(partition, "The user drinks espresso every morning", vector: Vector(0, 1));
        var noMatch = Memory(partition, "The user walks the dog", vector: Vector(1));
        await AddAllAsync(store, partition, match, noMatch);

        var candidates = await store.SearchAsync(partition, new MemorySearchQuery(Vector(1), "espresso", Filter(), 10));

        var lexical = Assert.Single(candidates, c => c.LexicalRank is not null);
        Assert.Equal(match.Id, lexical.Memory.Id);
        Assert.Equal(1, lexical.LexicalRank);
        Assert.Null(candidates.Single(c => c.Memory.Id == noMatch.Id).LexicalRank);
        Assert.Equal(candidates.Count, candidates.Select(c => c.Memory.Id).Distinct().Count());
    }

    [SkippableFact]
    public async Task SearchAsync_Filter_AppliesToBothChannels()
    {
        var (store, partition) = await StartAsync();
        var visible = Memory(partition, "Espresso at work", agentId: "a", vector: Vector(1));
        var otherAgent = Memory(partition, "Espresso at home", agentId: "b", vector: Vector(1));
        var superseded = Memory(partition, "Espresso before", agentId: "a", vector: Vector(1), validTo: Now.AddMinutes(-1));
        await AddAllAsync(store, partition, visible, otherAgent, superseded);

        var candidates = await store.SearchAsync(partition, new MemorySearchQuery(Vector(1), "espresso", Filter(Now) with { AgentId = "a" }, 10));

        Assert.Equal([visible.Id], candidates.Select(c => c.Memory.Id));
    }

    [SkippableFact]
    public async Task SearchAsync_OtherPartition_FindsNothing()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "Espresso lover", vector: Vector(1));
        await AddAllAsync(store, partition, memory);

        var candidates = await store.SearchAsync(new MemoryPartition(partition.TenantId, partition.UserId + "-2"), new MemorySearchQuery(Vector(1), "espresso", Filter(), 10));

        Assert.Empty(candidates);
    }

    [SkippableFact]
    public async Task GetHistoryAsync_AfterUpdateAndDelete_AllEventsOldestFirst()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "The user is vegetarian");
        var added = (await store.AddAsync(partition, memory, Added(memory))).Memory!;
        var changed = added with { Text = "The user is vegan", UpdatedAt = Now.AddMinutes(1) };
        var replaced = (await store.ReplaceAsync(partition, changed, added.ETag, Updated(changed, added.Text))).Memory!;
        await store.DeleteAsync(partition, memory.Id, replaced.ETag, Deleted(replaced));

        var history = await store.GetHistoryAsync(partition, memory.Id);

        Assert.Equal([HistoryOperation.Add, HistoryOperation.Update, HistoryOperation.Delete], history.Select(e => e.Operation));
        Assert.Equal("The user is vegetarian", history[1].Before);
        Assert.Equal("The user is vegan", history[1].After);
        Assert.All(history, e => Assert.Equal(memory.Id, e.MemoryId));
    }

    [SkippableFact]
    public async Task ExportAsync_Partition_AllMemoriesAndHistoryIncludingSuperseded()
    {
        var (store, partition) = await StartAsync();
        var current = Memory(partition, "Export current");
        var superseded = Memory(partition, "Export superseded", validTo: Now.AddMinutes(-5));
        await AddAllAsync(store, partition, current, superseded);
        await AddAllAsync(store, new MemoryPartition(partition.TenantId, "someone-else"), Memory(new MemoryPartition(partition.TenantId, "someone-else"), "Not mine"));

        var memories = await ToListAsync(store.ExportMemoriesAsync(partition));
        var history = await ToListAsync(store.ExportHistoryAsync(partition));

        Assert.Equal(new[] { current.Id, superseded.Id }.Order(), memories.Select(m => m.Id).Order());
        Assert.Equal(new[] { current.Id, superseded.Id }.Order(), history.Select(e => e.MemoryId).Order());
    }
}
