using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>The real orchestrator and activities on the real Durable Task engine, over the embedded store.</summary>
public sealed class IngestionOrchestratorTests
{
    [Fact]
    public async Task Ingest_Conversation_StoresMemoriesDecisionsAndSummaries()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var partition = DurableFunctionsHost.NewPartition();

        var instance = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I live in Oslo.", "I prefer tea over coffee."));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var result = instance.ReadOutputAs<IngestionWorkflowResult>()!;
        Assert.Equal(OperationStatus.Succeeded, result.Status);
        Assert.Equal(2, result.Decisions.Count(decision => decision.Action == MemoryAction.Add));
        var export = await host.Memories.ExportAsync(partition);
        Assert.Contains(export.Memories, memory => memory.Text.Contains("Oslo", StringComparison.Ordinal));
        Assert.Contains(export.Memories, memory => memory.Kind is MemoryKind.Summary or MemoryKind.Profile);
        var operation = Assert.Single(export.Operations);
        Assert.Equal(OperationStatus.Succeeded, operation.Status);
        Assert.Equal(result.Decisions.Select(d => d.MemoryId), operation.Decisions.Select(d => d.MemoryId));
    }

    [Fact]
    public async Task Ingest_SameIdempotencyKeyTwice_RunsOnceAndReturnsTheFirstOperation()
    {
        await using var host = await DurableFunctionsHost.StartAsync();
        var partition = DurableFunctionsHost.NewPartition();
        var request = DurableFunctionsHost.Turns("I work at Contoso.");

        var first = await host.IngestAsync(partition, request, "key-1");
        var memoriesAfterFirst = (await host.Memories.ExportAsync(partition)).Memories.Count;
        var again = await host.Ingestion.SubmitAsync(partition, request, "key-1");
        var second = await host.WaitAsync(again.Operation.Id);

        Assert.False(again.Created);
        Assert.Equal(first.InstanceId, second.InstanceId);
        Assert.Equal(first.LastUpdatedAt, second.LastUpdatedAt);
        var export = await host.Memories.ExportAsync(partition);
        Assert.Equal(memoriesAfterFirst, export.Memories.Count);
        Assert.Single(export.Operations);
    }

    [Fact]
    public async Task Ingest_TransientStepFailure_IsRetriedPerStepRetryPolicy()
    {
        var extractor = new FailingFactExtractor(call => call <= 2 ? new IOException("model endpoint reset") : null);
        await using var host = await DurableFunctionsHost.StartAsync(services => services.AddSingleton<IFactExtractor>(extractor));
        var partition = DurableFunctionsHost.NewPartition();

        var instance = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I live in Oslo."));

        Assert.Equal(OperationStatus.Succeeded, instance.ReadOutputAs<IngestionWorkflowResult>()!.Status);
        Assert.Equal(3, extractor.Calls);
        Assert.True(StepRetryPolicy.Default.MaxAttempts >= 3);
    }

    [Fact]
    public async Task Ingest_TransientFailureBeyondMaxAttempts_FailsAfterExactlyMaxAttempts()
    {
        var extractor = new FailingFactExtractor(_ => new IOException("model endpoint down"));
        await using var host = await DurableFunctionsHost.StartAsync(services => services.AddSingleton<IFactExtractor>(extractor));
        var partition = DurableFunctionsHost.NewPartition();

        var instance = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I live in Oslo."));

        Assert.Equal(OperationStatus.Failed, instance.ReadOutputAs<IngestionWorkflowResult>()!.Status);
        Assert.Equal(StepRetryPolicy.Default.MaxAttempts, extractor.Calls);
    }

    [Fact]
    public async Task Ingest_PermanentStepFailure_FailsOnceWithTheInnerErrorType()
    {
        var extractor = new FailingFactExtractor(_ => new ArgumentException("turn text cannot be parsed"));
        await using var host = await DurableFunctionsHost.StartAsync(services => services.AddSingleton<IFactExtractor>(extractor));
        var partition = DurableFunctionsHost.NewPartition();

        var instance = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I live in Oslo."));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(1, extractor.Calls);
        var operation = Assert.Single((await host.Memories.ExportAsync(partition)).Operations);
        Assert.Equal(OperationStatus.Failed, operation.Status);
        Assert.Equal(IngestionWorkflow.ProblemTypeStepFailed, operation.Error!.Type);
        Assert.Contains(nameof(ArgumentException), operation.Error.Detail, StringComparison.Ordinal);
        Assert.Contains(WorkflowStepNames.ExtractFacts, operation.Error.Detail, StringComparison.Ordinal);
    }
}
