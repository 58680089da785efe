using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Stores;

/// <summary>
/// What only the real query engine can answer, beyond the shared conformance suite: the search queries as written
/// (literal TOP, object-literal projection, ORDER BY RANK with parameterised terms under a partition key), paging with
/// real continuation tokens, and a tampered token. SKIPPED without COSMOS_ENDPOINT (see docs/cosmos.md).
/// </summary>
public sealed class CosmosRealAccountTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [SkippableFact]
    public async Task SearchAsync_FullTextChannel_NonEmptyRanksForMatchingText()
    {
        var (store, partition) = await StartAsync();
        Skip.If(!(await ConformanceAccount.ContainerAsync()).Settings.FullTextSearch, "COSMOS_FULL_TEXT=false: no full-text channel to test.");
        await AddAsync(store, partition, "The user drinks green tea every morning", "The user owns a red bicycle");

        var candidates = await store.SearchAsync(partition, new MemorySearchQuery(Unit(1), "green tea", Filter(), 10));

        var lexical = candidates.Where(c => c.LexicalRank is not null).ToList();
        Assert.Equal("The user drinks green tea every morning", Assert.Single(lexical).Memory.Text);
        Assert.All(candidates, c => Assert.Empty(c.Memory.Embedding));
    }

    [SkippableFact]
    public async Task ListAsync_ThreePagesOfTwo_EveryMemoryOnceThenEnd()
    {
        var (store, partition) = await StartAsync();
        var texts = Enumerable.Range(0, 5).Select(i => $"Memory number {i}").ToArray();
        await AddAsync(store, partition, texts);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(partition, Filter(), 2, token);
            seen.AddRange(page.Items.Select(m => m.Text));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(texts.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task ListAsync_TamperedToken_InvalidContinuationToken()
    {
        var (store, partition) = await StartAsync();
        await AddAsync(store, partition, "First", "Second", "Third");
        var first = await store.ListAsync(partition, Filter(), 1, null);
        Assert.NotNull(first.ContinuationToken);

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => store.ListAsync(partition, Filter(), 1, "{" + first.ContinuationToken));
    }

    private static async Task<(CosmosMemoryStore Store, MemoryPartition Partition)> StartAsync()
    {
        Skip.If(ConformanceAccount.SkipReason is not null, ConformanceAccount.SkipReason);
        var store = new CosmosMemoryStore(await ConformanceAccount.ContainerAsync(), TimeProvider.System, NullLogger<CosmosMemoryStore>.Instance);
        return (store, new MemoryPartition("real-" + Guid.NewGuid().ToString("N")[..12], "user-1"));
    }

    private static async Task AddAsync(CosmosMemoryStore store, MemoryPartition partition, params string[] texts)
    {
        for (var i = 0; i < texts.Length; i++)
        {
            var memory = new MemoryRecord
            {
                Id = MemoryIds.ForMemory(partition, null, texts[i]),
                TenantId = partition.TenantId,
                UserId = partition.UserId,
                Text = texts[i],
                Embedding = Unit(i + 1),
                ContentHash = MemoryIds.ContentHash(texts[i]),
                CreatedAt = Now.AddSeconds(-i),
                UpdatedAt = Now,
                ValidFrom = Now.AddMinutes(-1),
            };
            Assert.Equal(WriteStatus.Written, (await store.AddAsync(partition, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, Now, "test"))).Status);
        }
    }

    private static MemoryFilter Filter() => new() { At = Now.AddMinutes(1) };

    private static float[] Unit(int axis)
    {
        var vector = new float[ConformanceAccount.Dimensions];
        vector[axis % vector.Length] = 1;
        return vector;
    }
}
