using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Functions.Durable;

/// <summary>The history purge's one activity, in the shape of <see cref="EraseActivities"/>: it needs the task hub's client, bound per invocation.</summary>
public static class HistoryPurgeActivities
{
    public const string Purge = "History_PurgeFinished";

    /// <summary>Every activity name of the purge, for the tests that hold the declared functions to their tables.</summary>
    public static IReadOnlyList<string> Names { get; } = [Purge];

    /// <summary>How many ended instances this pass purged, and when the next pass is due.</summary>
    [Function(Purge)]
    public static Task<HistoryPurgePass> PurgeAsync([ActivityTrigger] HistoryPurgeSchedule schedule, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.InstanceServices.GetRequiredService<FinishedHistoryPurge>().PurgeAsync(client, context.CancellationToken);
    }
}
