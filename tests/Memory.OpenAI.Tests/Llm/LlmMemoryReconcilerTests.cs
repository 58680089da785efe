using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.OpenAI.Tests.Server;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.OpenAI.Tests.Llm;

public sealed class LlmMemoryReconcilerTests : IClassFixture<ModelServerFixture>, IDisposable
{
    private static readonly MemoryRecord Contoso = Memory("mem-contoso-7f3a", "Works at Contoso");
    private static readonly MemoryRecord Oslo = Memory("mem-oslo-19bc", "Lives in Oslo");
    private static readonly MemoryRecord Tea = Memory("mem-tea-4411", "Prefers tea");

    private readonly ScriptedModelServer _server;
    private readonly ServiceProvider _services;

    public LlmMemoryReconcilerTests(ModelServerFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
        _services = TestModels.Build(TestModels.Settings(_server));
    }

    private IMemoryReconciler Reconciler => _services.GetRequiredService<IMemoryReconciler>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ReconcileAsync_IntegerTargets_MapBackToMemoryIds()
    {
        _server.EnqueueChat("""
            {"decisions":[
              {"fact":1,"action":"SUPERSEDE","target":1,"text":null,"reason":"New employer."},
              {"fact":2,"action":"UPDATE","target":3,"text":"Prefers green tea","reason":"Refines."},
              {"fact":3,"action":"NOOP","target":2,"text":null,"reason":"Repeats."}
            ]}
            """);

        var result = await Reconciler.ReconcileAsync(Facts());

        Assert.Equal(3, result.Decisions.Count);
        Assert.Equal(new ReconciliationDecision(0, MemoryAction.Supersede, Contoso.Id, null, "New employer.") { ReasonWrittenByModel = true }, result.Decisions[0]);
        Assert.Equal(new ReconciliationDecision(1, MemoryAction.Update, Tea.Id, "Prefers green tea", "Refines.") { ReasonWrittenByModel = true }, result.Decisions[1]);
        Assert.Equal(new ReconciliationDecision(2, MemoryAction.Noop, Oslo.Id, null, "Repeats.") { ReasonWrittenByModel = true }, result.Decisions[2]);

        var prompt = Assert.Single(_server.Requests).MessageContents[1];
        Assert.Contains("Memory 1: \"Works at Contoso\"", prompt, StringComparison.Ordinal);
        Assert.Contains("Memory 3: \"Prefers tea\"", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("mem-", prompt, StringComparison.Ordinal);
        Assert.True(result.Usage.TotalTokens > 0);
    }

    [Fact]
    public async Task ReconcileAsync_UnknownOrForeignTarget_BecomesNoopWithReason()
    {
        // Memory 7 was never shown; memory 3 (tea) exists but is not a neighbour of fact 1.
        _server.EnqueueChat("""
            {"decisions":[
              {"fact":1,"action":"SUPERSEDE","target":3,"text":null,"reason":"?"},
              {"fact":2,"action":"DELETE","target":7,"text":null,"reason":"?"},
              {"fact":3,"action":"ADD","target":null,"text":null,"reason":"New."}
            ]}
            """);

        var result = await Reconciler.ReconcileAsync(Facts());

        Assert.Equal(MemoryAction.Noop, result.Decisions[0].Action);
        Assert.Null(result.Decisions[0].TargetMemoryId);
        Assert.Contains("memory 3 is not one of this fact's similar memories", result.Decisions[0].Reason, StringComparison.Ordinal);
        Assert.Equal(MemoryAction.Noop, result.Decisions[1].Action);
        Assert.Contains("memory 7 does not exist", result.Decisions[1].Reason, StringComparison.Ordinal);
        Assert.Equal(MemoryAction.Add, result.Decisions[2].Action);
    }

    [Fact]
    public async Task ReconcileAsync_MissingTargetUnknownActionOrMissingDecision_Rejected()
    {
        _server.EnqueueChat("""
            {"decisions":[
              {"fact":1,"action":"SUPERSEDE","target":null,"text":null,"reason":"?"},
              {"fact":2,"action":"MERGE","target":3,"text":"x","reason":"?"}
            ]}
            """);

        var result = await Reconciler.ReconcileAsync(Facts());

        Assert.All(result.Decisions, d => Assert.Equal(MemoryAction.Noop, d.Action));
        Assert.Contains("SUPERSEDE needs a target memory", result.Decisions[0].Reason, StringComparison.Ordinal);
        Assert.Contains("\"MERGE\" is not one of", result.Decisions[1].Reason, StringComparison.Ordinal);
        Assert.Contains("no decision for this fact", result.Decisions[2].Reason, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ReconcileAsync_UpdateWithoutText_Rejected()
    {
        _server.EnqueueChat("""{"decisions":[{"fact":1,"action":"UPDATE","target":1,"text":null,"reason":"?"}]}""");

        var result = await Reconciler.ReconcileAsync([Facts()[0]]);

        Assert.Equal(MemoryAction.Noop, Assert.Single(result.Decisions).Action);
        Assert.Contains("UPDATE needs the merged text", result.Decisions[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_FactsWithoutNeighbours_DecidedWithoutCallingTheModel()
    {
        var result = await Reconciler.ReconcileAsync(
        [
            new(Fact("Plays chess"), []),
            new(Fact("No longer plays golf") with { IsRetraction = true }, []),
        ]);

        Assert.Equal(MemoryAction.Add, result.Decisions[0].Action);
        Assert.Equal(MemoryAction.Noop, result.Decisions[1].Action);
        Assert.Equal(0, result.Usage.TotalTokens);
        Assert.Empty(_server.Requests);
    }

    private static List<FactWithNeighbours> Facts() =>
    [
        new(Fact("Works at Fabrikam") with { Slot = "employer" }, [new(Contoso, 0.82), new(Oslo, 0.41)]),
        new(Fact("Prefers green tea"), [new(Tea, 0.9)]),
        new(Fact("Lives in Oslo"), [new(Oslo, 0.99)]),
    ];

    private static CandidateFact Fact(string text) => new(text, MemoryKind.Fact, 1, 0.5, ["m1"]);

    private static MemoryRecord Memory(string id, string text) => new()
    {
        Id = id,
        TenantId = "t",
        UserId = "u",
        Text = text,
        ContentHash = id,
        ValidFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
