using MemoryFunctions.Functions.Durable;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>The app's erase orchestrator function, registered with its typed input as the worker binds it.</summary>
internal sealed class EraseFunctionOrchestrator : TaskOrchestrator<EraseOrchestration, object?>
{
    public override async Task<object?> RunAsync(TaskOrchestrationContext context, EraseOrchestration input)
    {
        await EraseOrchestrator.RunAsync(context);
        return null;
    }
}
