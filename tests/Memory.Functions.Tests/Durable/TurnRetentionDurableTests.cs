using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Functions.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Tests.Durable;

/// <summary>
/// Issue 25, symptom 3 on the Functions host: with <c>KeepTurns=false</c> the Durable orchestration keeps no turn either,
/// no turn memory is made and the finished operation record no longer holds the request's turns (the rule is Core's,
/// <see cref="ActiveOperationWriter"/>, run here by the Durable activities).
/// </summary>
public sealed class TurnRetentionDurableTests
{
    [Fact]
    public async Task Ingest_KeepTurnsOff_NoTurnMemoryAndTheFinishedRecordHoldsNoTurn()
    {
        await using var host = await DurableFunctionsHost.StartAsync(services => services.Configure<IngestionOptions>(options => options.KeepTurns = false));
        var partition = DurableFunctionsHost.NewPartition();

        var finished = await host.IngestAsync(partition, DurableFunctionsHost.Turns("I painted the zebra lake.", "I like tea."));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        var operation = await host.Services.GetRequiredService<IOperationStore>().GetAsync(partition, finished.InstanceId);
        Assert.Equal(OperationStatus.Succeeded, operation!.Status);
        Assert.Empty(operation.Request.Messages);
        var turns = await host.Services.GetRequiredService<IMemoryStore>().ListAsync(partition, new() { At = DateTimeOffset.UtcNow.AddYears(100), Kinds = [MemoryKind.Turn] }, 100, null);
        Assert.Empty(turns.Items);
    }
}
