using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Local.Workflow;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Local.Tests.Workflow;

/// <summary>
/// Erase is final (issue 12, finding 1): an erase at any step boundary of a running ingestion, or in the middle of any of its
/// store writes, leaves nothing of the user behind, on the embedded store and across a restart, and the user id starts fresh.
/// </summary>
public sealed class EraseDuringIngestionTests
{
    private static readonly MemoryPartition Partition = new("t1", "u1");

    /// <summary>
    /// Step calls of one full run of <see cref="Conversation"/>: a progress report before each phase, the phase's step
    /// (extract, keep turns, reconcile, apply, summaries), then complete.
    /// </summary>
    private const int StepCalls = (2 * IngestionWorkflow.PhaseCount) + 1;

    private static readonly string[] Conversation =
        ["I live in Oslo.", "I work at Contoso.", "I love green tea.", "My favorite color is blue.", "I have a dog named Rex."];

    public static TheoryData<int> Boundaries() => [.. Enumerable.Range(0, StepCalls)];

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task RunAsync_EraseBeforeStepCall_NothingOfTheUserRemainsEvenAfterRestart(int boundary)
    {
        await using var store = new StoreHarness();
        var clock = new ImmediateTimeProvider(StoreHarness.T0);
        await IngestAsync(store, clock, ["I used to live in Bergen."], eraseBeforeCall: -1);

        var run = await IngestAsync(store, clock, Conversation, boundary);

        // The step the erase came before still runs (a progress report stops at once; any other step's writes are refused),
        // and the workflow stops at the next boundary at the latest.
        Assert.Equal(OperationStatus.Cancelled, run.Result.Status);
        Assert.All(run.Steps.Skip(boundary + 1), step => Assert.Contains(step, new[] { WorkflowStepNames.ReportProgress, WorkflowStepNames.Complete }));
        Assert.InRange(run.Steps.Count, boundary + 1, boundary + 2);

        await AssertErasedAsync(store);
        await store.ReopenAsync();
        await AssertErasedAsync(store);

        var fresh = await IngestAsync(store, clock, ["I live in Lima."], eraseBeforeCall: -1);
        Assert.Equal(OperationStatus.Succeeded, fresh.Result.Status);
        var memories = await ToListAsync(store.Memories.ExportMemoriesAsync(Partition));
        Assert.DoesNotContain(memories, memory => memory.Text.Contains("Oslo", StringComparison.Ordinal) || memory.Text.Contains("Bergen", StringComparison.Ordinal));
        Assert.Contains(memories, memory => memory.Text.Contains("Lima", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_EraseInsideEachStoreWrite_TheWriteIsRefusedAndNothingRemains()
    {
        for (var write = 0; ; write++)
        {
            var memories = new InMemoryMemoryStore();
            var writes = 0;
            var erased = false;
            memories.OnWrite = _ =>
            {
                // Runs after the step decided to write and before the store applies it: the fence must catch it.
                if (writes++ == write)
                {
                    memories.EraseAsync(Partition).GetAwaiter().GetResult();
                    erased = true;
                }
            };
            var clock = new ImmediateTimeProvider(StoreHarness.T0);
            var steps = RuleBasedSteps.Build(memories, memories.Operations, clock);
            var service = new IngestionService(memories, memories.Operations, new FakeWorkflowStarter(), clock, NullLogger<IngestionService>.Instance);
            var operation = (await service.SubmitAsync(Partition, Request(clock, Conversation), null)).Operation;

            var result = await IngestionWorkflow.RunAsync(RuleBasedSteps.Context(steps, clock, operation.Id), IngestionWorkflowInput.For(operation));

            if (!erased)
            {
                Assert.Equal(OperationStatus.Succeeded, result.Status);
                Assert.True(write > 5, "the conversation should have made several writes");
                return;
            }

            Assert.Equal(OperationStatus.Cancelled, result.Status);
            Assert.Empty(await ToListAsync(memories.ExportMemoriesAsync(Partition)));
            Assert.Empty(await ToListAsync(memories.ExportHistoryAsync(Partition)));
        }
    }

    private static async Task AssertErasedAsync(StoreHarness store)
    {
        Assert.Empty(await ToListAsync(store.Memories.ExportMemoriesAsync(Partition)));
        Assert.Empty(await ToListAsync(store.Memories.ExportHistoryAsync(Partition)));
        Assert.True(await store.Memories.GetEpochAsync(Partition) > 0);
        Assert.All(
            await ToListAsync(store.Operations.ExportAsync(Partition)),
            stub => Assert.Equal((OperationStatus.Cancelled, 0, MemoryOperation.ProblemTypeUserErased), (stub.Status, stub.Request.Messages.Count, stub.Error!.Type)));
    }

    private static async Task<(IngestionWorkflowResult Result, List<string> Steps)> IngestAsync(StoreHarness store, TimeProvider clock, string[] turns, int eraseBeforeCall)
    {
        var service = new IngestionService(store.Memories, store.Operations, new FakeWorkflowStarter(), clock, NullLogger<IngestionService>.Instance);
        var operation = (await service.SubmitAsync(Partition, Request(clock, turns), null)).Operation;
        var context = new ErasingWorkflowContext(
            RuleBasedSteps.Context(RuleBasedSteps.Build(store.Memories, store.Operations, clock), clock, operation.Id), eraseBeforeCall, () => store.Memories.EraseAsync(Partition));
        var result = await IngestionWorkflow.RunAsync(context, IngestionWorkflowInput.For(operation));
        return (result, context.Steps);
    }

    private static IngestionRequest Request(TimeProvider clock, string[] turns) =>
        new([.. turns.Select((text, i) => new ConversationMessage($"m{i}", MessageRole.User, text, clock.GetUtcNow()))], SessionId: "s1");

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
