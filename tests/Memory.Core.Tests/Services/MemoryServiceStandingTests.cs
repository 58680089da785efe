using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Tests.Services;

/// <summary>
/// A turn restating a statement that ended several changes ago, or was retracted: labelled outdated, below the statement
/// holding now (read along the chain when search did not find it, within the read budget), and nothing labelled current
/// that has ended.
/// </summary>
public sealed class MemoryServiceStandingTests : IDisposable
{
    private static readonly MemoryPartition Alice = TestMemories.Alice;
    private static readonly DateTimeOffset Said = TestMemories.Start;

    private readonly FakeTimeProvider _clock = new(TestMemories.Start.AddDays(30));
    private readonly InMemoryMemoryStore _store = new();
    private readonly HiddenFromSearchStore _searched;
    private readonly FakeEmbeddingGenerator _embedder = new();
    private readonly MemoryService _service;

    public MemoryServiceStandingTests()
    {
        _searched = new HiddenFromSearchStore(_store);
        var ranker = new HybridRanker(Options.Create(new RankingOptions()), _clock);
        _service = new MemoryService(_searched, _store.Operations, _embedder, ranker, _clock, NullLogger<MemoryService>.Instance, ApproximateTokenCounter.Instance, new ConversationParticipants(_clock));
    }

    [Fact]
    public async Task SearchAsync_TurnRestatingTheStartOfAChain_RanksBelowTheStatementHoldingNowReadAlongTheChain()
    {
        var (turn, chain) = await EmployerChainAsync("Contoso", "Fabrikam", "Initech");
        _searched.Hidden.UnionWith(chain.Skip(1).Select(m => m.Id));

        var results = await _service.SearchAsync(Alice, new SearchRequest("I work at Contoso", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        var ids = results.Select(r => r.Memory.Id).ToList();
        var initech = ids.IndexOf(chain[2].Id);
        var turnAt = ids.IndexOf(turn.Id);
        Assert.True(initech >= 0 && turnAt == initech + 1, $"holding statement at {initech}, outdated turn at {turnAt}");
        Assert.Equal(MemoryStanding.Current, results[initech].Standing);
        Assert.Equal(turn.Id, results[initech].Explanation.CurrentFor);
        Assert.Equal(MemoryStanding.OutdatedEvidence, results[turnAt].Standing);
        Assert.DoesNotContain(chain[0].Id, ids);
        Assert.DoesNotContain(chain[1].Id, ids);
        Assert.Equal(2, _searched.Reads);
    }

    [Fact]
    public async Task SearchAsync_IncludeSuperseded_AddsTheHoldingStatementAndLabelsEveryResultTruly()
    {
        var (turn, chain) = await EmployerChainAsync("Contoso", "Fabrikam", "Initech");
        _searched.Hidden.Add(chain[2].Id);
        var now = _clock.GetUtcNow();

        var results = await _service.SearchAsync(Alice, new SearchRequest("I work at Contoso or Fabrikam", new MemoryFilter { At = now, IncludeSuperseded = true }, 10));

        Assert.Equal(MemoryStanding.Ended, Assert.Single(results, r => r.Memory.Id == chain[0].Id).Standing);
        Assert.Equal(MemoryStanding.Ended, Assert.Single(results, r => r.Memory.Id == chain[1].Id).Standing);
        var holding = Assert.Single(results, r => r.Explanation.CurrentFor == turn.Id);
        Assert.Equal((chain[2].Id, MemoryStanding.Current), (holding.Memory.Id, holding.Standing));
        Assert.Equal(MemoryStanding.OutdatedEvidence, Assert.Single(results, r => r.Memory.Id == turn.Id).Standing);
        Assert.All(results.Where(r => r.Standing == MemoryStanding.Current), r => Assert.True(r.Memory.IsVisibleAt(now, includeSuperseded: false), r.Memory.Text));
    }

    [Fact]
    public async Task SearchAsync_TurnRestatingARetractedStatement_OutdatedWithNothingAddedOrRead()
    {
        var turn = await AddAsync(Turn("I eat meat, mostly chicken.", Said, "op_1", "m1"));
        await AddAsync(TestMemories.Create("Eats meat", at: Said, adjust: m => m with { Provenance = new Provenance("op_1", ["m1"]), ValidTo = Said.AddDays(3) }));

        var results = await _service.SearchAsync(Alice, new SearchRequest("I eat meat", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal(MemoryStanding.OutdatedEvidence, Assert.Single(results).Standing);
        Assert.Equal(turn.Id, results[0].Memory.Id);
        Assert.Equal(0, _searched.Reads);
    }

    [Fact]
    public async Task SearchAsync_ChainLongerThanTheReadBudget_TurnLabelledButNothingAddedPastThreeReads()
    {
        var (turn, chain) = await EmployerChainAsync("Contoso", "Fabrikam", "Initech", "Northwind", "Tailspin");
        _searched.Hidden.UnionWith(chain.Skip(1).Select(m => m.Id));

        var results = await _service.SearchAsync(Alice, new SearchRequest("I work at Contoso", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal(MemoryStanding.OutdatedEvidence, Assert.Single(results).Standing);
        Assert.Equal(turn.Id, results[0].Memory.Id);
        Assert.Equal(3, _searched.Reads);
    }

    [Fact]
    public async Task SearchAsync_SuccessorItselfRetracted_TurnOutdatedWithNoHolder()
    {
        var (turn, chain) = await EmployerChainAsync("Contoso", "Fabrikam");
        await _store.ReplaceAsync(Alice, chain[1] with { ValidTo = Said.AddDays(20) }, null, HistoryEvents.For(chain[1], HistoryOperation.Delete, chain[1].Text, null, Said.AddDays(20), "test"));
        _searched.Hidden.Add(chain[1].Id);

        var results = await _service.SearchAsync(Alice, new SearchRequest("I work at Contoso", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal((turn.Id, MemoryStanding.OutdatedEvidence), (Assert.Single(results).Memory.Id, results[0].Standing));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SearchAsync_TurnStatingARetractedAndASupersededFact_RanksBelowTheSuccessorInEitherCandidateOrder(bool retractedFirst)
    {
        // Candidate order follows the vector channel here: the nearer ended fact comes first.
        float[] near = [1, 0.3f], far = [1, 1];
        _embedder.Embed = text => text switch
        {
            "Eats meat" => retractedFirst ? near : far,
            "Works at Contoso" => retractedFirst ? far : near,
            _ => [1, 0.3f],
        };
        var (turn, chain) = await EmployerChainAsync("Contoso", "Fabrikam");
        await AddAsync(TestMemories.Create("Eats meat", at: Said, adjust: m => m with { Provenance = new Provenance("op_0", ["m0"]), ValidTo = Said.AddDays(1) }));
        _searched.Hidden.Add(chain[1].Id);

        var results = await _service.SearchAsync(Alice, new SearchRequest("I work at Contoso", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal([chain[1].Id, turn.Id], results.Select(r => r.Memory.Id));
        Assert.Equal([MemoryStanding.Current, MemoryStanding.OutdatedEvidence], results.Select(r => r.Standing));
    }

    [Fact]
    public async Task SearchAsync_SupersessionCycle_EndsWithTheTurnLabelledAndOneRead()
    {
        var turn = await AddAsync(Turn("Hi! I work at Contoso.", Said, "op_0", "m0"));
        var contosoId = MemoryIds.ForMemory(Alice, null, "Works at Contoso");
        var fabrikam = await AddAsync(TestMemories.Create("Works at Fabrikam", at: Said.AddDays(1), adjust: m => m with
        {
            Provenance = new Provenance("op_1", ["m1"]),
            ValidTo = Said.AddDays(2),
            SupersededBy = contosoId,
        }));
        await AddAsync(TestMemories.Create("Works at Contoso", at: Said, adjust: m => m with
        {
            Provenance = new Provenance("op_0", ["m0"]),
            ValidTo = Said.AddDays(1),
            SupersededBy = fabrikam.Id,
        }));
        _searched.Hidden.Add(fabrikam.Id);

        var results = await _service.SearchAsync(Alice, new SearchRequest("I work at Contoso", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal((turn.Id, MemoryStanding.OutdatedEvidence), (Assert.Single(results).Memory.Id, results[0].Standing));
        Assert.Equal(1, _searched.Reads);
    }

    public void Dispose() => _embedder.Dispose();

    /// <summary>"Hi! I work at {first}" said; each employer then superseded by the next, two days apart; the last holds now.</summary>
    private async Task<(MemoryRecord Turn, IReadOnlyList<MemoryRecord> Chain)> EmployerChainAsync(params string[] employers)
    {
        var turn = await AddAsync(Turn($"Hi! I work at {employers[0]} and I live in Oslo.", Said, "op_0", "m0"));
        var chain = new List<MemoryRecord>();
        MemoryRecord? next = null;
        for (var i = employers.Length - 1; i >= 0; i--)
        {
            var from = Said.AddDays(i * 2);
            var successor = next;
            next = await AddAsync(TestMemories.Create($"Works at {employers[i]}", at: from, adjust: m => m with
            {
                Provenance = new Provenance($"op_{i}", [$"m{i}"]),
                ValidTo = successor?.ValidFrom,
                SupersededBy = successor?.Id,
            }));
            chain.Insert(0, next);
        }

        return (turn, chain);
    }

    private static MemoryRecord Turn(string text, DateTimeOffset said, string operationId, string messageId) =>
        TestMemories.Create(text, at: said, adjust: m => m with
        {
            Id = MemoryIds.ForTurn(Alice, null, "s1", messageId, said, text),
            Kind = MemoryKind.Turn,
            SessionId = "s1",
            Importance = 0.4,
            Provenance = new Provenance(operationId, [messageId]),
        });

    private async Task<MemoryRecord> AddAsync(MemoryRecord memory)
    {
        var embedded = memory with { Embedding = (await _embedder.GenerateAsync([memory.Text]))[0].Vector.ToArray() };
        var history = HistoryEvents.For(embedded, HistoryOperation.Add, null, embedded.Text, embedded.CreatedAt, "test");
        return (await _store.AddAsync(Alice, embedded, history)).Memory!;
    }

    /// <summary>A store whose search does not find the <see cref="Hidden"/> memories (ranked past the candidates), counting point reads.</summary>
    private sealed class HiddenFromSearchStore(IMemoryStore inner) : DelegatingMemoryStore(inner)
    {
        public HashSet<string> Hidden { get; } = new(StringComparer.Ordinal);

        public int Reads { get; private set; }

        public override Task<MemoryRecord?> GetAsync(MemoryPartition partition, string id, CancellationToken cancellationToken = default)
        {
            Reads++;
            return base.GetAsync(partition, id, cancellationToken);
        }

        public override async Task<IReadOnlyList<SearchCandidate>> SearchAsync(MemoryPartition partition, MemorySearchQuery query, CancellationToken cancellationToken = default) =>
            [.. (await base.SearchAsync(partition, query, cancellationToken)).Where(candidate => !Hidden.Contains(candidate.Memory.Id))];
    }
}
