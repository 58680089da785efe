using MemoryFunctions.Functions.Durable;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// The app's erase orchestrator function, registered with its typed input as the worker binds it.
/// <paramref name="onEpisode"/> sees every episode, replays included.
/// </summary>
internal sealed class EraseFunctionOrchestrator(Action<TaskOrchestrationContext>? onEpisode) : TaskOrchestrator<EraseOrchestration, object?>
{
    public override async Task<object?> RunAsync(TaskOrchestrationContext context, EraseOrchestration input)
    {
        onEpisode?.Invoke(context);
        await EraseOrchestrator.RunAsync(context);
        return null;
    }
}
