using MemoryFunctions.Functions.Durable;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>The app's history purge orchestrator function, registered with its typed input as the worker binds it.</summary>
internal sealed class HistoryPurgeFunctionOrchestrator : TaskOrchestrator<HistoryPurgeSchedule, object?>
{
    public override async Task<object?> RunAsync(TaskOrchestrationContext context, HistoryPurgeSchedule input)
    {
        await HistoryPurgeOrchestrator.RunAsync(context);
        return null;
    }
}
