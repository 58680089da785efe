using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Tests.Support;
using MemoryFunctions.Local;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>Activities run at least once and the orchestrator is replayed from history: neither may write twice.</summary>
public sealed class AtLeastOnceActivityTests
{
    [Fact]
    public async Task Apply_ThrowsAfterItsWrite_IsRetriedWithoutDuplicateMemoryOrHistory()
    {
        ThrowAfterWriteMemoryStore? store = null;
        await using var host = await DurableFunctionsHost.StartAsync(services =>
            services.AddSingleton<IMemoryStore>(provider => store = new ThrowAfterWriteMemoryStore(provider.GetRequiredService<LocalMemoryStore>())));
        var partition = DurableFunctionsHost.NewPartition();

        var instance = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I live in Oslo.", "I prefer tea over coffee."));

        Assert.Equal(OperationStatus.Succeeded, instance.ReadOutputAs<IngestionWorkflowResult>()!.Status);
        Assert.True(store!.Adds > 1, "the probe never fired: no memory was added");
        var export = await host.Memories.ExportAsync(partition);
        Assert.Equal(export.Memories.Count, export.Memories.Select(memory => memory.Id).Distinct().Count());
        Assert.Equal(export.History.Count, export.History.Select(e => e.Id).Distinct().Count());
        var facts = export.Memories.Where(memory => memory.Kind is not (MemoryKind.Summary or MemoryKind.Profile or MemoryKind.Turn)).ToList();
        Assert.Equal(facts.Count, facts.Select(memory => memory.Text).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2, facts.Count);
    }

    [Fact]
    public async Task Orchestrator_IsReplayedEveryEpisode_AndRunsTheSameStepsAsAnotherRun()
    {
        var episodes = 0;
        var replays = 0;
        await using var host = await DurableFunctionsHost.StartAsync(onEpisode: context =>
        {
            Interlocked.Increment(ref episodes);
            if (context.IsReplaying)
            {
                Interlocked.Increment(ref replays);
            }
        });
        var request = DurableFunctionsHost.Turns("I live in Oslo.");

        var first = await host.IngestAsync(DurableFunctionsHost.NewPartition(), request);
        var second = await host.IngestAsync(DurableFunctionsHost.NewPartition(), request);

        // One episode per completed activity batch, each replaying the earlier ones: a non-deterministic orchestrator
        // would have failed here with the engine's NonDeterministicOrchestrationException.
        Assert.Equal(OperationStatus.Succeeded, first.ReadOutputAs<IngestionWorkflowResult>()!.Status);
        Assert.True(replays >= episodes / 2, $"{replays} of {episodes} episodes replayed");
        var firstSteps = host.Activities.Of(first.InstanceId).Select(run => run.Step).ToList();
        Assert.Equal(firstSteps, host.Activities.Of(second.InstanceId).Select(run => run.Step));
        Assert.Equal(
            [WorkflowStepNames.ReportProgress, WorkflowStepNames.ExtractFacts, WorkflowStepNames.ReportProgress, WorkflowStepNames.KeepTurns, WorkflowStepNames.ReportProgress, WorkflowStepNames.Reconcile],
            firstSteps.Take(6));
        // The workflow ends with its Complete step; the orchestration then asks whether a completion callback is owed.
        Assert.Equal([WorkflowStepNames.Complete, CallbackActivities.Plan], firstSteps[^2..]);
    }
}
