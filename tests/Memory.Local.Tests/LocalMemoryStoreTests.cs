using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;

namespace MemoryFunctions.Local.Tests;

public sealed class LocalMemoryStoreTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");
    private static readonly MemoryPartition Bob = new("t1", "bob");

    [Fact]
    public async Task AddAsync_IdExists_ReturnsAlreadyExistsWithExistingRecord()
    {
        await using var harness = new StoreHarness();
        var memory = StoreHarness.Memory(Alice, "likes tea");
        var first = await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));

        var second = await harness.Memories.AddAsync(Alice, memory with { Importance = 0.9 }, StoreHarness.Added(memory));

        Assert.Equal(WriteStatus.Written, first.Status);
        Assert.False(string.IsNullOrEmpty(first.Memory!.ETag));
        Assert.Equal(WriteStatus.AlreadyExists, second.Status);
        StoreHarness.AssertSameMemory(first.Memory, second.Memory);
        Assert.Equal(0.5, (await harness.Memories.GetAsync(Alice, memory.Id))!.Importance);
    }

    [Fact]
    public async Task ReplaceAsync_ETagPreconditions_HonouredAndNewETagEveryWrite()
    {
        await using var harness = new StoreHarness();
        var memory = StoreHarness.Memory(Alice, "likes tea");
        var added = (await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory))).Memory!;
        var update = StoreHarness.Event(memory, HistoryOperation.Update, StoreHarness.T0.AddHours(1));

        var stale = await harness.Memories.ReplaceAsync(Alice, added with { Text = "x" }, "\"not-it\"", update);
        var matching = await harness.Memories.ReplaceAsync(Alice, added with { Text = "likes green tea" }, added.ETag, update);
        var staleNow = await harness.Memories.ReplaceAsync(Alice, added with { Text = "y" }, added.ETag, update);
        var unconditional = await harness.Memories.ReplaceAsync(Alice, added with { Text = "likes black tea" }, null, update);
        var missing = await harness.Memories.ReplaceAsync(Alice, StoreHarness.Memory(Alice, "never added"), null, update);

        Assert.Equal(WriteStatus.PreconditionFailed, stale.Status);
        StoreHarness.AssertSameMemory(added, stale.Memory);
        Assert.Equal(WriteStatus.Written, matching.Status);
        Assert.NotEqual(added.ETag, matching.Memory!.ETag);
        Assert.Equal(WriteStatus.PreconditionFailed, staleNow.Status);
        Assert.Equal("likes green tea", staleNow.Memory!.Text);
        Assert.Equal(WriteStatus.Written, unconditional.Status);
        Assert.NotEqual(matching.Memory.ETag, unconditional.Memory!.ETag);
        Assert.Equal(WriteStatus.NotFound, missing.Status);
        Assert.Null(missing.Memory);
    }

    [Fact]
    public async Task DeleteAsync_ETagAndHistory_HistoryReadableAfterDelete()
    {
        await using var harness = new StoreHarness();
        var memory = StoreHarness.Memory(Alice, "likes tea");
        var added = (await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory))).Memory!;
        var deleteEvent = StoreHarness.Event(memory, HistoryOperation.Delete, StoreHarness.T0.AddHours(1));

        var wrong = await harness.Memories.DeleteAsync(Alice, memory.Id, "\"0\"", deleteEvent);
        var deleted = await harness.Memories.DeleteAsync(Alice, memory.Id, added.ETag, deleteEvent);
        var again = await harness.Memories.DeleteAsync(Alice, memory.Id, null, deleteEvent);

        Assert.Equal(WriteStatus.PreconditionFailed, wrong.Status);
        Assert.Equal(WriteStatus.Written, deleted.Status);
        Assert.Equal(WriteStatus.NotFound, again.Status);
        Assert.Null(await harness.Memories.GetAsync(Alice, memory.Id));
        var history = await harness.Memories.GetHistoryAsync(Alice, memory.Id);
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Delete], history.Select(e => e.Operation));
        Assert.Empty(await harness.Memories.GetHistoryAsync(Bob, memory.Id));
    }

    [Fact]
    public async Task ListAsync_SmallPages_WalksEveryItemExactlyOnceNewestFirst()
    {
        await using var harness = new StoreHarness();
        for (var i = 0; i < 53; i++)
        {
            // Several memories share a timestamp, so the id tie-break is exercised.
            var memory = StoreHarness.Memory(Alice, $"memory {i}", createdAt: StoreHarness.T0.AddMinutes(i / 4));
            await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
        }

        var seen = new List<MemoryRecord>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await harness.Memories.ListAsync(Alice, new MemoryFilter { At = StoreHarness.T0.AddDays(1) }, 5, token);
            Assert.True(page.Items.Count <= 5);
            seen.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(11, pages);
        Assert.Equal(53, seen.Select(m => m.Id).Distinct().Count());
        var expected = seen.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => m.Id);
        Assert.Equal(expected, seen.Select(m => m.Id));
    }

    [Fact]
    public async Task ListAsync_ForeignToken_ThrowsArgumentException()
    {
        await using var harness = new StoreHarness();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.Memories.ListAsync(Alice, new MemoryFilter { At = StoreHarness.T0 }, 10, "bm90LWEtdG9rZW4"));
    }

    [Fact]
    public async Task ListAsync_SupersededAndExpired_VisibleOnlyWhenAskedOrAsOf()
    {
        await using var harness = new StoreHarness();
        var old = StoreHarness.Memory(Alice, "lives in Oslo") with { ValidTo = StoreHarness.T0.AddDays(10), SupersededBy = "mem_new" };
        var current = StoreHarness.Memory(Alice, "lives in Bergen", createdAt: StoreHarness.T0.AddDays(10));
        var expiring = StoreHarness.Memory(Alice, "is on holiday") with { ExpiresAt = StoreHarness.T0.AddDays(5) };
        var tagged = StoreHarness.Memory(Alice, "prefers window seats") with
        {
            Kind = MemoryKind.Preference,
            Tags = ["travel"],
            AgentId = "agent-1",
            Metadata = new Dictionary<string, MetadataValue> { ["source"] = MetadataValue.FromString("chat") },
        };
        foreach (var memory in new[] { old, current, expiring, tagged })
        {
            await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));
        }

        async Task<string[]> TextsAsync(MemoryFilter filter) =>
            (await harness.Memories.ListAsync(Alice, filter, 100, null)).Items.Select(m => m.Text).Order(StringComparer.Ordinal).ToArray();

        var now = StoreHarness.T0.AddDays(20);
        Assert.Equal(["lives in Bergen", "prefers window seats"], await TextsAsync(new MemoryFilter { At = now }));
        Assert.Equal(["lives in Bergen", "lives in Oslo", "prefers window seats"], await TextsAsync(new MemoryFilter { At = now, IncludeSuperseded = true }));
        Assert.Equal(["is on holiday", "lives in Oslo", "prefers window seats"], await TextsAsync(new MemoryFilter { At = StoreHarness.T0.AddDays(1) }));
        Assert.Equal(["prefers window seats"], await TextsAsync(new MemoryFilter { At = now, Kinds = [MemoryKind.Preference] }));
        Assert.Equal(["prefers window seats"], await TextsAsync(new MemoryFilter { At = now, Tags = ["travel"], AgentId = "agent-1" }));
        Assert.Equal(["prefers window seats"], await TextsAsync(new MemoryFilter { At = now, Metadata = new Dictionary<string, MetadataValue> { ["source"] = MetadataValue.FromString("chat") } }));
        Assert.Empty(await TextsAsync(new MemoryFilter { At = now, Metadata = new Dictionary<string, MetadataValue> { ["source"] = MetadataValue.FromString("email") } }));
        Assert.Empty((await harness.Memories.ListAsync(Bob, new MemoryFilter { At = now }, 100, null)).Items);
    }

    [Fact]
    public async Task AddAsync_VectorNotUnitLength_StoredNormalised()
    {
        await using var harness = new StoreHarness();
        var memory = StoreHarness.Memory(Alice, "scaled", [3f, 4f, 0f, 0f]);

        var written = await harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory));

        Assert.Equal([0.6f, 0.8f, 0f, 0f], written.Memory!.Embedding);
    }

    [Fact]
    public async Task AddAsync_RecordOfAnotherPartition_Throws()
    {
        await using var harness = new StoreHarness();
        var memory = StoreHarness.Memory(Bob, "bob's");

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Memories.AddAsync(Alice, memory, StoreHarness.Added(memory)));
    }

    [Fact]
    public async Task ExportAndErase_Partition_ExportsAllThenRemovesMemoriesAndHistoryOnlyThere()
    {
        await using var harness = new StoreHarness();
        var a1 = StoreHarness.Memory(Alice, "a1");
        var a2 = StoreHarness.Memory(Alice, "a2") with { ValidTo = StoreHarness.T0 };
        var b1 = StoreHarness.Memory(Bob, "b1");
        await harness.Memories.AddAsync(Alice, a1, StoreHarness.Added(a1));
        await harness.Memories.AddAsync(Alice, a2, StoreHarness.Added(a2));
        await harness.Memories.AddAsync(Bob, b1, StoreHarness.Added(b1));

        var exported = new List<MemoryRecord>();
        await foreach (var memory in harness.Memories.ExportMemoriesAsync(Alice))
        {
            exported.Add(memory);
        }

        var history = new List<HistoryEvent>();
        await foreach (var e in harness.Memories.ExportHistoryAsync(Alice))
        {
            history.Add(e);
        }

        Assert.Equal(2, exported.Count);
        Assert.Equal(2, history.Count);
        Assert.Equal(2, (await harness.Memories.EraseAsync(Alice)).MemoriesErased);
        Assert.Equal(0, (await harness.Memories.EraseAsync(Alice)).MemoriesErased);
        Assert.Null(await harness.Memories.GetAsync(Alice, a1.Id));
        Assert.Empty(await harness.Memories.GetHistoryAsync(Alice, a1.Id));
        Assert.NotNull(await harness.Memories.GetAsync(Bob, b1.Id));
    }
}
