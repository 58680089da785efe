using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace MemoryFunctions.Testing.Conformance;

/// <summary>
/// What search says of each result, through the service on each store: the candidates a store returns (ended statements
/// included, as search asks for them) are enough to keep a turn restating an old employer below the current one.
/// </summary>
public abstract partial class MemoryStoreConformanceTests
{
    [SkippableFact]
    public async Task ServiceSearch_TurnRestatingTheStartOfAChain_RanksBelowTheStatementHoldingNow()
    {
        var (store, partition) = await StartAsync();
        var (turn, chain) = await EmployerChainAsync(store, partition);
        var at = Now.AddMinutes(30);

        var results = await SearchService(store, at).SearchAsync(partition, new SearchRequest("I work at Contoso", new MemoryFilter { At = at }, 3));

        var ids = results.Select(r => r.Memory.Id).ToList();
        Assert.True(ids.IndexOf(chain[2].Id) is >= 0 and var holding && ids.IndexOf(turn.Id) > holding, string.Join(" | ", results.Select(r => r.Memory.Text)));
        Assert.Equal(MemoryStanding.Current, results[ids.IndexOf(chain[2].Id)].Standing);
        Assert.Equal(MemoryStanding.OutdatedEvidence, results[ids.IndexOf(turn.Id)].Standing);
        Assert.DoesNotContain(chain[0].Id, ids);
        Assert.DoesNotContain(chain[1].Id, ids);
    }

    [SkippableFact]
    public async Task ServiceSearch_IncludeSuperseded_EndedStatementsSayEndedAndOnlyTheHoldingOneCurrent()
    {
        var (store, partition) = await StartAsync();
        var (turn, chain) = await EmployerChainAsync(store, partition);
        var at = Now.AddMinutes(30);

        var results = await SearchService(store, at).SearchAsync(partition, new SearchRequest("I work at Contoso", new MemoryFilter { At = at, IncludeSuperseded = true }, 4));

        Assert.Equal([chain[2].Id], results.Where(r => r.Standing == MemoryStanding.Current).Select(r => r.Memory.Id));
        Assert.All(results.Where(r => r.Memory.Id == chain[0].Id || r.Memory.Id == chain[1].Id), r => Assert.Equal(MemoryStanding.Ended, r.Standing));
        Assert.Equal(MemoryStanding.OutdatedEvidence, Assert.Single(results, r => r.Memory.Id == turn.Id).Standing);
    }

    /// <summary>"Hi! I work at Contoso." kept as a turn; its fact superseded by Fabrikam, which Initech superseded in turn.</summary>
    private async Task<(MemoryRecord Turn, MemoryRecord[] Chain)> EmployerChainAsync(IMemoryStore store, MemoryPartition partition)
    {
        using var embedder = new FakeEmbeddingGenerator(Dimensions);
        async Task<float[]> EmbedAsync(string text) => (await embedder.GenerateAsync([text]))[0].Vector.ToArray();

        var turn = Memory(partition, "Hi! I work at Contoso.", MemoryKind.Turn, Now.AddMinutes(-20), await EmbedAsync("Hi! I work at Contoso."), sessionId: "s-1")
            with { Provenance = new Provenance("op-0", ["m-0"]) };
        var initech = Memory(partition, "Works at Initech", createdAt: Now, vector: await EmbedAsync("Works at Initech")) with { Provenance = new Provenance("op-2", ["m-2"]) };
        var fabrikam = Memory(partition, "Works at Fabrikam", createdAt: Now.AddMinutes(-10), vector: await EmbedAsync("Works at Fabrikam"))
            with { Provenance = new Provenance("op-1", ["m-1"]), ValidTo = initech.ValidFrom, SupersededBy = initech.Id };
        var contoso = Memory(partition, "Works at Contoso", createdAt: Now.AddMinutes(-20), vector: await EmbedAsync("Works at Contoso"))
            with { Provenance = new Provenance("op-0", ["m-0"]), ValidTo = fabrikam.ValidFrom, SupersededBy = fabrikam.Id };
        await AddAllAsync(store, partition, turn, contoso, fabrikam, initech);
        return (turn, [contoso, fabrikam, initech]);
    }

    private MemoryService SearchService(IMemoryStore store, DateTimeOffset at)
    {
        var clock = new FakeTimeProvider(at);
        var ranker = new HybridRanker(Options.Create(new RankingOptions()), clock);
        return new MemoryService(store, new InMemoryMemoryStore().Operations, new FakeEmbeddingGenerator(Dimensions), ranker, clock, NullLogger<MemoryService>.Instance, ApproximateTokenCounter.Instance, new ConversationParticipants(clock));
    }
}
