using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using Xunit;

namespace MemoryFunctions.Testing.Conformance;

/// <summary>Listing: order, pagination, every filter and visibility at a point in time.</summary>
public abstract partial class MemoryStoreConformanceTests
{
    [SkippableFact]
    public async Task ListAsync_SeveralMemories_NewestFirstThenById()
    {
        var (store, partition) = await StartAsync();
        var old = Memory(partition, "Oldest fact", createdAt: Now.AddHours(-3));
        var tieA = Memory(partition, "Tie fact one", createdAt: Now.AddHours(-1));
        var tieB = Memory(partition, "Tie fact two", createdAt: Now.AddHours(-1));
        var newest = Memory(partition, "Newest fact", createdAt: Now);
        await AddAllAsync(store, partition, old, tieA, tieB, newest);

        var page = await store.ListAsync(partition, Filter(), 10, null);

        var ties = new[] { tieA.Id, tieB.Id }.Order(StringComparer.Ordinal);
        Assert.Equal([newest.Id, .. ties, old.Id], page.Items.Select(m => m.Id));
        Assert.Null(page.ContinuationToken);
    }

    [SkippableFact]
    public async Task ListAsync_SmallPages_EveryMemoryOnceInOrder()
    {
        var (store, partition) = await StartAsync();
        var memories = Enumerable.Range(0, 7).Select(i => Memory(partition, $"Paged fact {i}", createdAt: Now.AddMinutes(-i))).ToArray();
        await AddAllAsync(store, partition, memories);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(partition, Filter(), 3, token);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(m => m.Id));
            token = page.ContinuationToken;
            Assert.True(++pages <= 5, "pagination does not terminate");
        }
        while (token is not null);

        Assert.Equal(memories.Select(m => m.Id), seen);
    }

    /// <summary>The HTTP layer turns this exception into 400 <c>cursor</c>; anything else would be a 5xx for a caller's typo or forgery.</summary>
    [SkippableTheory]
    [InlineData("not-a-token")]
    [InlineData("MXw5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OXx4")]
    [InlineData("{\"token\":\"+RID:~forged#RT:1#TRC:3#ISV:2#IEO:65567#QCF:8\",\"range\":{\"min\":\"\",\"max\":\"FF\"}}")]
    public async Task ListAsync_TokenTheStoreDidNotIssue_ThrowsInvalidContinuationToken(string token)
    {
        var (store, partition) = await StartAsync();
        await AddAllAsync(store, partition, Memory(partition, "Listed fact one"), Memory(partition, "Listed fact two"));

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => store.ListAsync(partition, Filter(), 1, token));
    }

    [SkippableFact]
    public async Task ListAsync_KindAgentAndSessionFilters_OnlyMatching()
    {
        var (store, partition) = await StartAsync();
        var preference = Memory(partition, "Prefers window seats", kind: MemoryKind.Preference, agentId: "travel", sessionId: "s1");
        var fact = Memory(partition, "Has two kids", kind: MemoryKind.Fact, agentId: "travel", sessionId: "s2");
        var other = Memory(partition, "Likes jazz", kind: MemoryKind.Preference, agentId: "music", sessionId: "s1");
        await AddAllAsync(store, partition, preference, fact, other);

        Assert.Equal([preference.Id], await IdsAsync(store, partition, Filter() with { Kinds = [MemoryKind.Preference], AgentId = "travel" }));
        Assert.Equal([fact.Id], await IdsAsync(store, partition, Filter() with { SessionId = "s2" }));
        Assert.Equal(2, (await IdsAsync(store, partition, Filter() with { Kinds = [MemoryKind.Fact, MemoryKind.Preference], SessionId = null, AgentId = "travel" })).Count);
    }

    [SkippableFact]
    public async Task ListAsync_TagAndMetadataFilters_AllMustMatch()
    {
        var (store, partition) = await StartAsync();
        var both = Memory(partition, "Tagged both", tags: ["a", "b"], metadata: new() { ["team"] = MetadataValue.FromString("red"), ["level"] = MetadataValue.FromNumber(3) });
        var onlyA = Memory(partition, "Tagged a", tags: ["a"], metadata: new() { ["team"] = MetadataValue.FromString("blue"), ["level"] = MetadataValue.FromNumber(3) });
        var flag = Memory(partition, "Flagged", metadata: new() { ["vip"] = MetadataValue.FromBoolean(true) });
        await AddAllAsync(store, partition, both, onlyA, flag);

        Assert.Equal([both.Id], await IdsAsync(store, partition, Filter() with { Tags = ["a", "b"] }));
        Assert.Equal(2, (await IdsAsync(store, partition, Filter() with { Tags = ["a"] })).Count);
        Assert.Equal([onlyA.Id], await IdsAsync(store, partition, Filter() with { Metadata = new Dictionary<string, MetadataValue> { ["team"] = MetadataValue.FromString("blue"), ["level"] = MetadataValue.FromNumber(3) } }));
        Assert.Equal([flag.Id], await IdsAsync(store, partition, Filter() with { Metadata = new Dictionary<string, MetadataValue> { ["vip"] = MetadataValue.FromBoolean(true) } }));
        Assert.Empty(await IdsAsync(store, partition, Filter() with { Metadata = new Dictionary<string, MetadataValue> { ["vip"] = MetadataValue.FromString("true") } }));
    }

    [SkippableFact]
    public async Task ListAsync_HostileFilterValues_TreatedAsData()
    {
        var (store, partition) = await StartAsync();
        var memory = Memory(partition, "Plain memory", tags: ["x"]);
        await AddAllAsync(store, partition, memory);
        const string hostile = "x' OR 1=1 OR c.tags != '\"]) --";

        Assert.Empty(await IdsAsync(store, partition, Filter() with { Tags = [hostile] }));
        Assert.Empty(await IdsAsync(store, partition, Filter() with { AgentId = hostile }));
        Assert.Empty(await IdsAsync(store, partition, Filter() with { Metadata = new Dictionary<string, MetadataValue> { [hostile] = MetadataValue.FromString(hostile) } }));
    }

    [SkippableFact]
    public async Task ListAsync_CreatedRange_FromInclusiveToExclusive()
    {
        var (store, partition) = await StartAsync();
        var early = Memory(partition, "Early", createdAt: Now.AddHours(-2));
        var middle = Memory(partition, "Middle", createdAt: Now.AddHours(-1));
        var late = Memory(partition, "Late", createdAt: Now);
        await AddAllAsync(store, partition, early, middle, late);

        var ids = await IdsAsync(store, partition, Filter() with { CreatedFrom = Now.AddHours(-1), CreatedTo = Now });

        Assert.Equal([middle.Id], ids);
    }

    [SkippableFact]
    public async Task ListAsync_Visibility_SupersededExpiredAndAsOfRespected()
    {
        var (store, partition) = await StartAsync();
        var current = Memory(partition, "Current", createdAt: Now.AddHours(-2));
        var superseded = Memory(partition, "Superseded", createdAt: Now.AddHours(-2), validTo: Now.AddHours(-1));
        var expiring = Memory(partition, "Expiring", createdAt: Now.AddHours(-2), expiresAt: Now.AddHours(1));
        var future = Memory(partition, "Valid later", createdAt: Now.AddMinutes(45));
        await AddAllAsync(store, partition, current, superseded, expiring, future);

        Assert.Equal(new[] { current.Id, expiring.Id }.Order(), (await IdsAsync(store, partition, Filter(Now))).Order());
        Assert.Equal(new[] { current.Id, superseded.Id, expiring.Id }.Order(), (await IdsAsync(store, partition, Filter(Now) with { IncludeSuperseded = true })).Order());
        Assert.Equal(new[] { current.Id, future.Id }.Order(), (await IdsAsync(store, partition, Filter(Now.AddHours(2)))).Order());
        Assert.Equal(new[] { current.Id, superseded.Id, expiring.Id }.Order(), (await IdsAsync(store, partition, Filter(Now.AddMinutes(-90)))).Order());
    }

    private static async Task<List<string>> IdsAsync(IMemoryStore store, MemoryPartition partition, MemoryFilter filter)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(partition, filter, 50, token);
            ids.AddRange(page.Items.Select(m => m.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return ids;
    }
}
