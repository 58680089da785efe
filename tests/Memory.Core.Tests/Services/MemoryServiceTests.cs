using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Tests.Services;

public sealed class MemoryServiceTests
{
    private static readonly MemoryPartition Alice = TestMemories.Alice;
    private static readonly MemoryPartition Bob = new("contoso", "bob");

    private readonly FakeTimeProvider _clock = new(TestMemories.Start);
    private readonly InMemoryMemoryStore _store = new();
    private readonly InMemoryOperationStore _operations;
    private readonly MemoryService _service;

    public MemoryServiceTests()
    {
        _operations = _store.Operations;
        var ranker = new HybridRanker(Options.Create(new RankingOptions()), _clock);
        _service = new MemoryService(_store, _operations, new FakeEmbeddingGenerator(), ranker, _clock, NullLogger<MemoryService>.Instance, ApproximateTokenCounter.Instance, new ConversationParticipants(_clock));
    }

    [Fact]
    public async Task AddAsync_SameContentTwice_StoredOnce()
    {
        var first = await _service.AddAsync(Alice, new MemoryDraft { Text = "Prefers Python over JavaScript" });
        var second = await _service.AddAsync(Alice, new MemoryDraft { Text = "prefers python over javascript." });

        Assert.Equal(WriteStatus.Written, first.Status);
        Assert.Equal(WriteStatus.AlreadyExists, second.Status);
        Assert.Equal(first.Memory!.Id, second.Memory!.Id);
        var page = await _service.ListAsync(Alice, new MemoryFilter { At = _clock.GetUtcNow() }, 10, null);
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task AddAsync_SameTextAsAnEndedMemory_MakesItCurrentAgain()
    {
        var first = (await _service.AddAsync(Alice, new MemoryDraft { Text = "Eats meat" })).Memory!;
        _clock.Advance(TimeSpan.FromDays(1));
        await _service.UpdateAsync(Alice, first.Id, new MemoryPatch { ValidTo = _clock.GetUtcNow() }, ifMatch: null);
        _clock.Advance(TimeSpan.FromDays(1));

        var again = await _service.AddAsync(Alice, new MemoryDraft { Text = "Eats meat" });

        Assert.Equal(WriteStatus.Written, again.Status);
        Assert.Equal(first.Id, again.Memory!.Id);
        Assert.Null(again.Memory.ValidTo);
        Assert.Equal(first.CreatedAt, again.Memory.CreatedAt);
        var visible = await _service.ListAsync(Alice, new MemoryFilter { At = _clock.GetUtcNow() }, 10, null);
        Assert.Equal(["Eats meat"], visible.Items.Select(m => m.Text));
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Update, HistoryOperation.Update], (await _service.GetHistoryAsync(Alice, first.Id)).Select(h => h.Operation));
    }

    [Fact]
    public async Task AddAsync_FillsDerivedFields()
    {
        var result = await _service.AddAsync(Alice, new MemoryDraft { Text = "Lives in Oslo", Kind = MemoryKind.Fact, Tags = ["home"] });

        var memory = result.Memory!;
        Assert.Equal(MemoryIds.ForMemory(Alice, null, "Lives in Oslo"), memory.Id);
        Assert.Equal(MemoryIds.ContentHash("Lives in Oslo"), memory.ContentHash);
        Assert.Equal(64, memory.Embedding.Length);
        Assert.Equal(TestMemories.Start, memory.CreatedAt);
        Assert.Equal(TestMemories.Start, memory.ValidFrom);
        Assert.NotEmpty(memory.ETag);
        var history = await _service.GetHistoryAsync(Alice, memory.Id);
        Assert.Equal(HistoryOperation.Add, Assert.Single(history).Operation);
    }

    [Fact]
    public async Task UpdateAsync_StaleETag_PreconditionFailedAndUnchanged()
    {
        var added = (await _service.AddAsync(Alice, new MemoryDraft { Text = "Works at Contoso" })).Memory!;
        var updated = await _service.UpdateAsync(Alice, added.Id, new MemoryPatch { Text = "Works at Contoso Ltd" }, added.ETag);

        var stale = await _service.UpdateAsync(Alice, added.Id, new MemoryPatch { Text = "Works at Fabrikam" }, added.ETag);

        Assert.Equal(WriteStatus.Written, updated.Status);
        Assert.Equal(WriteStatus.PreconditionFailed, stale.Status);
        Assert.Equal("Works at Contoso Ltd", (await _service.GetAsync(Alice, added.Id))!.Text);
    }

    [Fact]
    public async Task UpdateAsync_NewText_ReembedsAndRecordsHistory()
    {
        var added = (await _service.AddAsync(Alice, new MemoryDraft { Text = "Likes green tea" })).Memory!;
        _clock.Advance(TimeSpan.FromHours(1));

        var result = await _service.UpdateAsync(Alice, added.Id, new MemoryPatch { Text = "Likes black coffee" }, ifMatch: null);

        Assert.NotEqual(added.Embedding, result.Memory!.Embedding);
        Assert.Equal(MemoryIds.ContentHash("Likes black coffee"), result.Memory.ContentHash);
        Assert.Equal(_clock.GetUtcNow(), result.Memory.UpdatedAt);
        var history = await _service.GetHistoryAsync(Alice, added.Id);
        Assert.Equal([HistoryOperation.Add, HistoryOperation.Update], history.Select(h => h.Operation));
        Assert.Equal("Likes green tea", history[1].Before);
    }

    [Fact]
    public async Task UpdateAndDeleteAsync_ExpiredMemory_NotFoundAndNothingBroughtBack()
    {
        var added = (await _service.AddAsync(Alice, new MemoryDraft { Text = "Visited Lyon", ExpiresAt = _clock.GetUtcNow().AddDays(1) })).Memory!;
        _clock.Advance(TimeSpan.FromDays(2));

        // The embedded store holds an expired memory until its next compaction; a patch of its expiry must not revive it.
        var patched = await _service.UpdateAsync(Alice, added.Id, new MemoryPatch { ExpiresAt = _clock.GetUtcNow().AddYears(1) }, ifMatch: null);
        var deleted = await _service.DeleteAsync(Alice, added.Id, null);

        Assert.Equal((WriteStatus.NotFound, WriteStatus.NotFound), (patched.Status, deleted.Status));
        Assert.Empty(await _service.GetHistoryAsync(Alice, added.Id));
    }

    [Fact]
    public async Task DeleteAsync_Missing_NotFound()
    {
        Assert.Equal(WriteStatus.NotFound, (await _service.DeleteAsync(Alice, "mem_missing", null)).Status);
    }

    [Fact]
    public async Task DeleteAsync_KeepsHistoryWithDeleteEvent()
    {
        var added = (await _service.AddAsync(Alice, new MemoryDraft { Text = "Owns a cat" })).Memory!;

        await _service.DeleteAsync(Alice, added.Id, added.ETag);

        Assert.Null(await _service.GetAsync(Alice, added.Id));
        Assert.Equal(HistoryOperation.Delete, (await _service.GetHistoryAsync(Alice, added.Id))[^1].Operation);
    }

    [Fact]
    public async Task SearchAsync_FindsRelevantAndNeverOtherUsers()
    {
        await _service.AddAsync(Alice, new MemoryDraft { Text = "Prefers Python over JavaScript" });
        await _service.AddAsync(Alice, new MemoryDraft { Text = "Has a dog named Rex" });
        await _service.AddAsync(Bob, new MemoryDraft { Text = "Prefers Python for data work" });

        var results = await _service.SearchAsync(Alice, new SearchRequest("which language does the user prefer python", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal("Prefers Python over JavaScript", results[0].Memory.Text);
        Assert.All(results, r => Assert.Equal(Alice, r.Memory.Partition));
    }

    [Fact]
    public async Task SearchAsync_NoKinds_LeavesSummariesAndProfilesToContext()
    {
        await _service.AddAsync(Alice, new MemoryDraft { Text = "Lives in Oslo" });
        await _store.AddAsync(Alice, Summary(MemoryIds.ForProfile(Alice), MemoryKind.Profile, "Lives in Oslo and works as a nurse"), History(MemoryIds.ForProfile(Alice)));
        var filter = new MemoryFilter { At = _clock.GetUtcNow() };

        var plain = await _service.SearchAsync(Alice, new SearchRequest("lives in oslo", filter, 5));
        var profiles = await _service.SearchAsync(Alice, new SearchRequest("lives in oslo", filter with { Kinds = [MemoryKind.Profile] }, 5));

        Assert.Equal(["Lives in Oslo"], plain.Select(r => r.Memory.Text));
        Assert.Equal(MemoryKind.Profile, Assert.Single(profiles).Memory.Kind);
    }

    [Fact]
    public async Task BuildContextAsync_IncludesRelevantProfileLinesAndRelevantMemoriesOnly()
    {
        await _service.AddAsync(Alice, new MemoryDraft { Text = "Is allergic to peanuts", Importance = 0.9 });
        await _store.AddAsync(Alice, Summary(MemoryIds.ForProfile(Alice), MemoryKind.Profile, "Nurse living in Oslo\nAllergic to cats since childhood"), History(MemoryIds.ForProfile(Alice)));

        var block = await _service.BuildContextAsync(Alice, new(
            "is the user allergic to anything", new MemoryFilter { At = _clock.GetUtcNow() }, MaxTokens: 400));

        Assert.Contains($"User profile:{Environment.NewLine}- Allergic to cats since childhood", block.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nurse living in Oslo", block.Text, StringComparison.Ordinal);
        Assert.Contains("Is allergic to peanuts", block.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(block.Memories, r => r.Memory.Kind == MemoryKind.Profile);
    }

    [Fact]
    public async Task BuildContextAsync_ProfileLineStatingAFact_CarriesTheFactsEventDate()
    {
        var said = new DateTimeOffset(2023, 5, 2, 9, 0, 0, TimeSpan.Zero);
        await _service.AddAsync(Alice, new MemoryDraft { Text = "Allergic to cats since childhood", ValidFrom = said });
        await _store.AddAsync(Alice, Summary(MemoryIds.ForProfile(Alice), MemoryKind.Profile, "Allergic to cats since childhood\nAllergic to dust in spring"), History(MemoryIds.ForProfile(Alice)));

        // Only one memory is ranked (the dust line's statement is not a stored memory): the cat fact's date is read by its id.
        var block = await _service.BuildContextAsync(Alice, new("is the user allergic to anything", new MemoryFilter { At = _clock.GetUtcNow() }, MaxTokens: 400, MaxMemories: 1));

        Assert.Contains($"User profile:{Environment.NewLine}- [2 May 2023] Allergic to cats since childhood{Environment.NewLine}- Allergic to dust in spring", block.Text, StringComparison.Ordinal);
    }

    private MemoryRecord Summary(string id, MemoryKind kind, string text) => TestMemories.Create(text, Alice, _clock.GetUtcNow(), m => m with { Id = id, Kind = kind });

    private HistoryEvent History(string memoryId) => new()
    {
        Id = memoryId + ".add",
        MemoryId = memoryId,
        TenantId = Alice.TenantId,
        UserId = Alice.UserId,
        Operation = HistoryOperation.Add,
        At = _clock.GetUtcNow(),
        Actor = "test",
    };
}
