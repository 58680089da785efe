using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Core.Tests.Workflow;

/// <summary>The workflow's steps wired to the in-memory fakes, plus helpers to run one step chain by hand.</summary>
internal sealed class StepsHarness
{
    public static readonly MemoryPartition Partition = new("t1", "u1");

    private readonly ServiceProvider _services;

    public StepsHarness(IngestionOptions? options = null)
    {
        _services = WorkflowStepServices.Build(Store, Operations, Embedder, Extractor, Reconciler, Summarizer, options ?? new IngestionOptions(), Clock);
    }

    public InMemoryMemoryStore Store { get; } = new();

    public InMemoryOperationStore Operations => Store.Operations;

    public FakeEmbeddingGenerator Embedder { get; } = new();

    public FakeFactExtractor Extractor { get; } = new();

    public FakeMemoryReconciler Reconciler { get; } = new();

    public FakeSummarizer Summarizer { get; } = new();

    public FakeTimeProvider Clock { get; } = new();

    /// <summary>The container <c>AddMemoryIngestion</c> filled, which runners run the step table's rows from.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The step's handler, as the runners resolve it.</summary>
    public TStep Step<TStep>()
        where TStep : notnull => _services.GetRequiredService<TStep>();

    public static CandidateFact Fact(string text, string? slot = null, bool retraction = false, DateTimeOffset? validFrom = null) =>
        new(text, MemoryKind.Fact, 0.9, 0.7, ["m1"], Slot: slot, IsRetraction: retraction, ValidFrom: validFrom);

    /// <summary>Writes <paramref name="facts"/> with the given decisions, as the apply step of <paramref name="operationId"/> (queued first when it is not: the step reads its request).</summary>
    public async Task<ApplyOutput> ApplyAsync(string operationId, IReadOnlyList<CandidateFact> facts, params ReconciliationDecision[] decisions)
    {
        if (await Operations.GetAsync(Partition, operationId) is null)
        {
            await QueueOperationAsync(operationId);
        }

        return await Step<ApplyStep>().RunAsync(new ApplyInput(operationId, Partition, 0, facts, decisions));
    }

    /// <summary>Adds <paramref name="text"/> as a memory through the apply step and returns its id.</summary>
    public async Task<string> SeedAsync(string text, string? slot = null)
    {
        var output = await ApplyAsync("op_seed_" + MemoryIds.ContentHash(text)[..6], [Fact(text, slot)], new ReconciliationDecision(0, MemoryAction.Add));
        return output.Decisions[0].MemoryId!;
    }

    public async Task<MemoryOperation> QueueOperationAsync(string id, IngestionRequest? request = null)
    {
        var operation = new MemoryOperation
        {
            Id = id,
            TenantId = Partition.TenantId,
            UserId = Partition.UserId,
            Request = request ?? new IngestionRequest([new ConversationMessage("m1", MessageRole.User, "I work at Contoso", Clock.GetUtcNow())], SessionId: "s1"),
            CreatedAt = Clock.GetUtcNow(),
        };
        return (await Operations.CreateAsync(operation)).Operation!;
    }
}
