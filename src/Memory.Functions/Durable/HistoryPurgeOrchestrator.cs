using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Durable;

/// <summary>The purge's schedule, the orchestration's input, so every replay waits the same.</summary>
public sealed record HistoryPurgeSchedule(TimeSpan Interval);

/// <summary>
/// What one pass did, and how long to wait before the next (<see cref="HistoryRetentionOptions.PurgeInterval"/> as the app
/// reads it now, recorded in history, so a changed setting takes effect at the next pass and replays still wait the same).
/// </summary>
public sealed record HistoryPurgePass(int Purged, TimeSpan Interval);

/// <summary>
/// One instance per task hub (<see cref="InstanceId"/>) that purges ended instances' history (<see cref="FinishedHistoryPurge"/>),
/// then waits <see cref="HistoryPurgeSchedule.Interval"/> on a durable timer and starts over with <c>ContinueAsNew</c>, so its
/// own history stays at a few events. A timer trigger would do the same, but its worker extension needs a WebJobs package
/// this build cannot restore; a durable timer survives restarts like the rest of the task hub. Deterministic: no clock,
/// I/O or services here.
/// </summary>
public static class HistoryPurgeOrchestrator
{
    /// <summary>Orchestrator name; stable, because the running instance is replayed by name.</summary>
    public const string Name = "HistoryPurgeOrchestrator";

    /// <summary>The one instance's id: no operation id has this form, so no user's erase sweep touches it.</summary>
    public const string InstanceId = "memory-history-purge";

    [Function(Name)]
    public static async Task RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schedule = context.GetInput<HistoryPurgeSchedule>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no {nameof(HistoryPurgeSchedule)}.");
        try
        {
            // No retry: a pass the host may still be running (its RPC cut at the worker) must not be started again at once.
            var pass = await context.CallActivityAsync<HistoryPurgePass>(HistoryPurgeActivities.Purge, schedule);
            schedule = new HistoryPurgeSchedule(pass.Interval);
        }
        catch (TaskFailedException)
        {
            // Logged by the activity (7113); the next pass tries again. The loop must not end, or nothing would purge until a
            // submission restarts it.
        }

        await context.CreateTimer(context.CurrentUtcDateTime + schedule.Interval, CancellationToken.None);
        context.ContinueAsNew(schedule);
    }
}
