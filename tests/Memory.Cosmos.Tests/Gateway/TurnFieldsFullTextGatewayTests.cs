using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Cosmos.Configuration;
using MemoryFunctions.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Cosmos.Tests.Gateway;

/// <summary>
/// Issue 26 on Cosmos DB: a kept turn is found by its resolved dates and by the words of the turn it answers, as the
/// embedded store finds it, through the full-text policy and the hybrid query (RRF over one FullTextScore per path) that
/// the real SDK plans and fuses against the gateway double; and the double refuses a scored path outside the policy.
/// </summary>
public sealed class TurnFieldsFullTextGatewayTests
{
    private static readonly MemoryPartition Partition = new("tenant-1", "alice");
    private readonly FakeTimeProvider _clock = new(TestRecords.Now);

    [Theory]
    [InlineData("Ulriken")]
    [InlineData("November")]
    public async Task SearchAsync_WordOnlyInTheTurnsResolvedDatesOrThePrecedingTurn_FindsTheTurn(string word)
    {
        using var stores = new GatewayStores(clock: _clock);
        var (turn, tea) = await AddAsync(stores);

        var candidates = await stores.Memories.SearchAsync(Partition, Lexical(word));

        var found = Assert.Single(candidates);
        Assert.Equal((turn.Id, 1), (found.Memory.Id, found.LexicalRank));
        Assert.DoesNotContain(word, found.Memory.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(tea.Id, Assert.Single(await stores.Memories.SearchAsync(Partition, Lexical("tea"))).Memory.Id);
    }

    [Fact]
    public async Task SearchAsync_ScoredPathOutsideTheContainersFullTextPolicy_RefusedWith400()
    {
        using var stores = new GatewayStores(clock: _clock);
        await AddAsync(stores);
        WithTextPathOnly(stores);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => stores.Memories.SearchAsync(Partition, Lexical("Ulriken")));

        Assert.Contains("full-text policy", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A container made before the turn fields joined the policy starts, and searches the text alone.</summary>
    [Fact]
    public async Task StartAsync_ContainerWithTheTextPathOnly_StartsAndSearchesTheTextAlone()
    {
        using var stores = new GatewayStores(clock: _clock);
        var (_, tea) = await AddAsync(stores);
        WithTextPathOnly(stores);

        await new CosmosContainerInitializer(stores.Container, ContainerDefinition.Load(), NullLogger<CosmosContainerInitializer>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal(["/text"], stores.Container.SearchablePaths);
        Assert.Empty(await stores.Memories.SearchAsync(Partition, Lexical("Ulriken")));
        Assert.Equal(tea.Id, Assert.Single(await stores.Memories.SearchAsync(Partition, Lexical("tea"))).Memory.Id);
    }

    private static MemorySearchQuery Lexical(string text) => new([], text, new MemoryFilter { At = TestRecords.Now.AddMinutes(1) }, 10);

    private static async Task<(MemoryRecord Turn, MemoryRecord Tea)> AddAsync(GatewayStores stores)
    {
        var turn = TestRecords.Memory(Partition, "Sounds lovely, see you there.") with
        {
            Kind = MemoryKind.Turn,
            Speaker = "Bob",
            ResolvedDates = "Saturday 21 November 2026",
            PrecedingText = "Shall we hike up Ulriken this weekend?",
        };
        var tea = TestRecords.Memory(Partition, "Alice likes green tea");
        await stores.Memories.AddAsync(Partition, turn, TestRecords.Added(turn));
        await stores.Memories.AddAsync(Partition, tea, TestRecords.Added(tea));
        return (turn, tea);
    }

    private static void WithTextPathOnly(GatewayStores stores)
    {
        stores.Gateway.Container["fullTextPolicy"]!["fullTextPaths"]!.AsArray().RemoveAt(2);
        stores.Gateway.Container["fullTextPolicy"]!["fullTextPaths"]!.AsArray().RemoveAt(1);
        stores.Gateway.Container["indexingPolicy"]!["fullTextIndexes"]!.AsArray().RemoveAt(2);
        stores.Gateway.Container["indexingPolicy"]!["fullTextIndexes"]!.AsArray().RemoveAt(1);
    }
}
