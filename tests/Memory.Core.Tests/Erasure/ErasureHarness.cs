using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Core.Tests.Erasure;

/// <summary>The erase service and its steps over the in-memory store, deferring its deletes like Cosmos DB unless told otherwise.</summary>
internal sealed class ErasureHarness
{
    public static readonly MemoryPartition Alice = new("t1", "alice");
    public static readonly MemoryPartition Bob = new("t1", "bob");
    public static readonly AuditCaller Caller = new("key:ops", "trace-1");

    public ErasureHarness(bool deferErase = true, ErasureMode mode = ErasureMode.WhenStoreNeedsIt)
    {
        Store.DeferErase = deferErase;
        Audit = new AdminAudit(AuditLog, Clock, NullLogger<AdminAudit>.Instance);
        Participants = new ConversationParticipants(Clock);
        Service = new UserErasureService(Store, Store.Operations, Starter, Audit, Clock, NullLogger<UserErasureService>.Instance, Participants, mode);
        Steps = new ErasureSteps(
            Store, Store.Operations, new ActiveOperationWriter(Store.Operations, Options.Create(new IngestionOptions()), Clock, NullLogger<ActiveOperationWriter>.Instance), Audit, Clock, NullLogger<ErasureSteps>.Instance);
    }

    public InMemoryMemoryStore Store { get; } = new();

    public InMemoryAuditLog AuditLog { get; } = new();

    public ImmediateTimeProvider Clock { get; } = new();

    public FakeWorkflowStarter Starter { get; } = new();

    public AdminAudit Audit { get; }

    /// <summary>The participant hints the erase must forget (<see cref="ConversationParticipants.Forget"/>).</summary>
    public ConversationParticipants Participants { get; }

    public UserErasureService Service { get; }

    public ErasureSteps Steps { get; }

    /// <summary>Writes <paramref name="count"/> memories (each with its history event) and one finished and one running operation.</summary>
    public async Task SeedAsync(MemoryPartition partition, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var memory = TestMemories.Create($"fact {i} about {partition.UserId}", partition) with { Embedding = [1f, 0f] };
            await Store.AddAsync(partition, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, memory.CreatedAt, "test"));
        }

        var epoch = await Store.GetEpochAsync(partition);
        foreach (var (id, status) in new[] { ("done", OperationStatus.Succeeded), ("running", OperationStatus.Running) })
        {
            await Store.Operations.CreateAsync(new MemoryOperation
            {
                Id = MemoryIds.ForOperation(partition, epoch, id),
                TenantId = partition.TenantId,
                UserId = partition.UserId,
                Status = status,
                Request = new IngestionRequest([new ConversationMessage("m0", MessageRole.User, "I live in Oslo.", Clock.GetUtcNow())]),
                Epoch = epoch,
            });
        }
    }

    /// <summary>Everything any read of the port returns for <paramref name="partition"/>, as counts.</summary>
    public async Task<(int Memories, int Listed, int Found, int History, int Operations)> ReadAllAsync(MemoryPartition partition)
    {
        var memories = 0;
        await foreach (var memory in Store.ExportMemoriesAsync(partition))
        {
            memories++;
        }

        var history = 0;
        await foreach (var historyEvent in Store.ExportHistoryAsync(partition))
        {
            history++;
        }

        var operations = 0;
        await foreach (var operation in Store.Operations.ExportAsync(partition))
        {
            operations += operation.Kind == OperationKind.Ingestion && operation.Status != OperationStatus.Cancelled ? 1 : 0;
        }

        var filter = new MemoryFilter { At = TestMemories.Start.AddDays(1) };
        var listed = (await Store.ListAsync(partition, filter, 100, null)).Items.Count;
        var found = (await Store.SearchAsync(partition, new MemorySearchQuery([1f, 0f], "fact about", filter, 50))).Count;
        return (memories, listed, found, history, operations);
    }
}
