using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Tests.Services;

/// <summary>What default search says of each result, and a turn restating a superseded statement kept below the current one.</summary>
public sealed class MemoryServiceSearchTests : IDisposable
{
    private static readonly MemoryPartition Alice = TestMemories.Alice;

    private readonly FakeTimeProvider _clock = new(TestMemories.Start.AddDays(10));
    private readonly InMemoryMemoryStore _store = new();
    private readonly FakeEmbeddingGenerator _embedder = new();
    private readonly MemoryService _service;

    public MemoryServiceSearchTests()
    {
        var ranker = new HybridRanker(Options.Create(new RankingOptions()), _clock);
        _service = new MemoryService(_store, _store.Operations, _embedder, ranker, _clock, NullLogger<MemoryService>.Instance, ApproximateTokenCounter.Instance, new ConversationParticipants(_clock));
    }

    [Fact]
    public async Task SearchAsync_TurnRestatingASupersededFact_RanksBelowTheCurrentFactAndSaysSo()
    {
        var (turn, _, current) = await SupersededEmployerAsync();

        var results = await _service.SearchAsync(Alice, new SearchRequest("I work at Contoso", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        var turnAt = results.ToList().FindIndex(r => r.Memory.Id == turn.Id);
        var currentAt = results.ToList().FindIndex(r => r.Memory.Id == current.Id);
        Assert.True(currentAt >= 0 && turnAt > currentAt, $"current fact at {currentAt}, outdated turn at {turnAt}");
        Assert.Equal(MemoryStanding.OutdatedEvidence, results[turnAt].Standing);
        Assert.Equal(MemoryStanding.Current, results[currentAt].Standing);
        Assert.DoesNotContain(results, r => r.Memory.Text == "Works at Contoso");
    }

    [Fact]
    public async Task SearchAsync_IncludeSuperseded_EndedStatementSaysEnded()
    {
        var (_, ended, _) = await SupersededEmployerAsync();

        var results = await _service.SearchAsync(Alice, new SearchRequest("works at contoso", new MemoryFilter { At = _clock.GetUtcNow(), IncludeSuperseded = true }, 5));

        Assert.Equal(MemoryStanding.Ended, Assert.Single(results, r => r.Memory.Id == ended.Id).Standing);
        Assert.All(results.Where(r => r.Memory.Kind == MemoryKind.Turn), r => Assert.NotEqual(MemoryStanding.Current, r.Standing));
    }

    [Fact]
    public async Task SearchAsync_TurnAlsoBehindACurrentFact_IsPlainEvidence()
    {
        var (turn, _, _) = await SupersededEmployerAsync();
        await AddAsync(TestMemories.Create("Lives in Oslo", adjust: m => m with { Provenance = turn.Provenance }));

        var results = await _service.SearchAsync(Alice, new SearchRequest("I work at Contoso and live in Oslo", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal(MemoryStanding.Evidence, Assert.Single(results, r => r.Memory.Id == turn.Id).Standing);
    }

    [Fact]
    public async Task SearchAsync_QueryNamingASpeakerAndAMonth_ExplainShowsTheFocus()
    {
        await AddAsync(Turn("Sam", "The back beds will be all tomatoes.", new DateTimeOffset(2023, 5, 2, 9, 0, 0, TimeSpan.Zero), "op_s", "m1"));
        await AddAsync(Turn("Elena", "Sam, how is the garden?", new DateTimeOffset(2023, 6, 2, 9, 0, 0, TimeSpan.Zero), "op_e", "m2"));

        var results = await _service.SearchAsync(Alice, new SearchRequest("What did Sam plan for the garden in May 2023?", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        var elena = Assert.Single(results, r => r.Memory.Speaker == "Elena").Explanation;
        var sam = Assert.Single(results, r => r.Memory.Speaker == "Sam").Explanation;
        Assert.Equal(["Sam"], elena.NamedSpeakers);
        Assert.Equal(["May 2023"], elena.NamedTimes);
        Assert.True(elena.Speaker < 1 && elena.Time < 1);
        Assert.Equal((1.0, 1.0), (sam.Speaker, sam.Time));
        Assert.Equal(elena.Fusion * elena.Recency * elena.Importance * elena.Speaker * elena.Time, elena.Final, 9);
    }

    [Fact]
    public async Task SearchAsync_QueryNamingAParticipant_VectorChannelAsksWithoutTheName()
    {
        // An embedder on which a name outweighs the topic, as on short chat turns: Elena's cheering sits nearer to
        // "Which cities did Sam travel to?" than Sam's own "Quick trip to Porto". (Her turns do not say the name here, so
        // that this double's lexical channel, which matches names as words, stays out of it.)
        var embedded = new List<string>();
        _embedder.Embed = text =>
        {
            embedded.Add(text);
            return [text.Contains("Sam", StringComparison.Ordinal) || text.Contains("cheers", StringComparison.Ordinal) ? 2 : 0, text.Contains("trip", StringComparison.Ordinal) || text.Contains("travel", StringComparison.Ordinal) ? 1 : 0, 0.1f];
        };
        var said = TestMemories.Start;
        for (var i = 0; i < 6; i++)
        {
            await AddAsync(Turn("Elena", $"Big cheers number {i}!", said.AddMinutes(i), "op_e", $"e{i}"));
        }

        var trip = await AddAsync(Turn("Sam", "Quick trip to Porto for a wedding.", said.AddMinutes(10), "op_s", "s1"));
        embedded.Clear();

        var results = await _service.SearchAsync(Alice, new SearchRequest("Which cities did Sam travel to?", new MemoryFilter { At = _clock.GetUtcNow() }, 1));

        Assert.Equal(trip.Id, Assert.Single(results).Memory.Id);
        Assert.Equal(["Which cities did Sam travel to?", "Which cities did travel to?"], embedded);
    }

    [Fact]
    public async Task SearchAsync_QueryNamingAParticipant_NameIsNoWordAndOthersFactsFall()
    {
        // What Priya is saving for is in her own words, which never say her name. Her other facts say it and nothing the
        // question asks; Jonas's fact says what the question asks, of Jonas.
        _embedder.Embed = text => [text.Contains("saving", StringComparison.Ordinal) || text.Contains("jar", StringComparison.Ordinal) ? 1 : 0, 0.1f];
        var said = TestMemories.Start;
        var own = await AddAsync(Turn("Priya", "Every spare euro goes in the jar now, it's all for a sailing course.", said, "op_p", "p1"));
        await AddAsync(Turn("Jonas", "Nice!", said.AddMinutes(1), "op_p", "p2"));
        var race = await AddAsync(TestMemories.Create("Priya ran the 10k trail race", at: said));
        var jonas = await AddAsync(TestMemories.Create("Jonas is saving up for a camper van", at: said));

        var results = await _service.SearchAsync(Alice, new SearchRequest("What is Priya saving up for?", new MemoryFilter { At = _clock.GetUtcNow() }, 4));

        Assert.Equal(own.Id, results[0].Memory.Id);
        Assert.Equal(0.5, Assert.Single(results, r => r.Memory.Id == jonas.Id).Explanation.Speaker, 6);
        Assert.DoesNotContain(results, r => r.Memory.Id == race.Id && r.Explanation.LexicalScore > 0);
    }

    [Theory]
    [InlineData("Sam", "Elena")]
    [InlineData("Sam Lee", "Elena Park")]
    public async Task SearchAsync_ParticipantsSeenBefore_QueryNamingOneIsAskedOnceWithoutTheName(string sam, string elena)
    {
        var embedded = new List<string>();
        _embedder.Embed = text =>
        {
            embedded.Add(text);
            return [text.Contains("trip", StringComparison.Ordinal) || text.Contains("travel", StringComparison.Ordinal) ? 1 : 0, 0.1f];
        };
        var trip = await AddAsync(Turn(sam, "Quick trip to Porto for a wedding.", TestMemories.Start, "op_s", "s1"));
        await AddAsync(Turn(elena, "Sam, that sounds lovely!", TestMemories.Start.AddMinutes(1), "op_s", "s2"));
        var filter = new MemoryFilter { At = _clock.GetUtcNow() };
        var first = await _service.SearchAsync(Alice, new SearchRequest("Which cities did Sam travel to?", filter, 2));
        embedded.Clear();

        var again = await _service.SearchAsync(Alice, new SearchRequest("Where did Sam travel in May?", filter, 2));

        Assert.Equal(["Where did travel in May?"], embedded);
        Assert.Equal(trip.Id, first[0].Memory.Id);
        Assert.Equal(trip.Id, again[0].Memory.Id);
        Assert.Equal([sam], again[0].Explanation.NamedSpeakers);
        Assert.Equal(0.5, Assert.Single(again, r => r.Memory.Speaker == elena).Explanation.Speaker, 6);
    }

    [Fact]
    public async Task SearchAsync_ParticipantSeenBeforeButGoneNow_AskedTheLongWayWithTheName()
    {
        var embedded = new List<string>();
        _embedder.Embed = text =>
        {
            embedded.Add(text);
            return [text.Contains("trip", StringComparison.Ordinal) ? 1 : 0, 0.1f];
        };
        var sams = await AddAsync(Turn("Sam", "Quick trip to Porto for a wedding.", TestMemories.Start, "op_s", "s1"));
        var filter = new MemoryFilter { At = _clock.GetUtcNow() };
        await _service.SearchAsync(Alice, new SearchRequest("Where did Sam go?", filter, 2));
        await _service.DeleteAsync(Alice, sams.Id, ifMatch: null);
        var note = await AddAsync(TestMemories.Create("Sam is the name of the new puppy", at: TestMemories.Start));
        embedded.Clear();

        var results = await _service.SearchAsync(Alice, new SearchRequest("Who is Sam?", filter, 2));

        // The hint (Sam speaks here) is not confirmed by the candidates, so the query is asked again as it is: "Sam" is a word again.
        Assert.Equal(["Who is ?", "Who is Sam?"], embedded);
        Assert.Equal(note.Id, Assert.Single(results).Memory.Id);
    }

    [Fact]
    public async Task SearchAsync_QueryNamingNobody_EmbedsOnce()
    {
        await AddAsync(Turn("Sam", "Quick trip to Porto for a wedding.", TestMemories.Start, "op_s", "s1"));
        var calls = _embedder.Calls;

        await _service.SearchAsync(Alice, new SearchRequest("Which cities did the user travel to?", new MemoryFilter { At = _clock.GetUtcNow() }, 5));

        Assert.Equal(calls + 1, _embedder.Calls);
    }

    [Fact]
    public async Task DeleteAsync_Turn_ItsWordsLeaveTheNextTurnsContextToo()
    {
        var said = TestMemories.Start;
        var question = await AddAsync(Turn("Elena", "Which hospital treated your broken wrist?", said, "op_1", "m1"));
        var reply = await AddAsync(Turn("Sam", "St. Olav's, they were lovely.", said.AddMinutes(1), "op_1", "m2") with { PrecedingText = question.Text });
        var other = await AddAsync(Turn("Sam", "Unrelated words.", said.AddMinutes(2), "op_1", "m3") with { PrecedingText = "Something else entirely." });

        await _service.DeleteAsync(Alice, question.Id, ifMatch: null);

        Assert.Null((await _store.GetAsync(Alice, reply.Id))!.PrecedingText);
        Assert.Equal("Something else entirely.", (await _store.GetAsync(Alice, other.Id))!.PrecedingText);
        Assert.Contains(await _store.GetHistoryAsync(Alice, reply.Id), h => h.Operation == HistoryOperation.Update);
    }

    /// <summary>"Hi! I work at Contoso" said, its fact superseded by "Works at Fabrikam" (from another turn).</summary>
    private async Task<(MemoryRecord Turn, MemoryRecord Ended, MemoryRecord Current)> SupersededEmployerAsync()
    {
        var said = TestMemories.Start;
        var turn = await AddAsync(Turn(null, "Hi! I work at Contoso and I live in Oslo.", said, "op_1", "m1"));
        var current = await AddAsync(TestMemories.Create("Works at Fabrikam", at: said.AddDays(5), adjust: m => m with { Provenance = new Provenance("op_2", ["m9"]) }));
        var ended = await AddAsync(TestMemories.Create("Works at Contoso", at: said, adjust: m => m with
        {
            Provenance = new Provenance("op_1", ["m1"]),
            ValidTo = said.AddDays(5),
            SupersededBy = current.Id,
        }));
        return (turn, ended, current);
    }

    public void Dispose() => _embedder.Dispose();

    private static MemoryRecord Turn(string? speaker, string text, DateTimeOffset said, string operationId, string messageId) =>
        TestMemories.Create(text, at: said, adjust: m => m with
        {
            Id = MemoryIds.ForTurn(Alice, null, "s1", messageId, said, text),
            Kind = MemoryKind.Turn,
            Speaker = speaker,
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
}
