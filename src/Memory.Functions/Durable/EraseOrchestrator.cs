using MemoryFunctions.Core.Erasure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// The background part of an erase on the Functions host, as a Durable orchestration (instance id = the erase operation's
/// id, so it is one per erase and survives restarts): stop the user's older instances, count, delete the store's documents a
/// chunk per activity, then purge the user's instance history pass after pass until none is left, and end the operation
/// with the real outcome (failed when history remains). Deterministic: no clock, I/O or services here; waits are durable timers.
/// </summary>
public static class EraseOrchestrator
{
    /// <summary>Orchestrator name; stable, because in-flight instances are replayed by name.</summary>
    public const string Name = "EraseOrchestrator";

    /// <summary>Chunks per episode before <c>ContinueAsNew</c>, so history stays bounded whatever the user's size (three events a chunk).</summary>
    public const int ChunksPerEpisode = 100;

    /// <summary>Sweep passes before the erase gives up and reports the history left (with the waits below, about a quarter of an hour).</summary>
    internal const int MaxSweepPasses = 12;

    /// <summary>Transient store failures (throttling beyond the store's own waiting, outages) are retried; the erase fails only past these.</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(10, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromMinutes(2)));

    [Function(Name)]
    public static async Task RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = context.GetInput<EraseOrchestration>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no {nameof(EraseOrchestration)}.");
        var erase = state.Erase;
        string? failure = null;
        try
        {
            if (!state.Started)
            {
                // A first pass only terminates what still runs of the user's older work, so it stops spending on a dead partition.
                await context.CallActivityAsync<int>(EraseActivities.Sweep, erase, Retry);
                await context.CallActivityAsync<bool>(EraseActivities.Count, erase, Retry);
            }

            for (var chunk = 0; ; chunk++)
            {
                if (chunk == ChunksPerEpisode)
                {
                    context.ContinueAsNew(state with { Started = true });
                    return;
                }

                if (await context.CallActivityAsync<bool>(EraseActivities.Delete, erase, Retry))
                {
                    break;
                }
            }
        }
        catch (TaskFailedException failed)
        {
            // The short type name, as the in-process runner records it.
            failure = failed.FailureDetails.ErrorType[(failed.FailureDetails.ErrorType.LastIndexOf('.') + 1)..];
        }

        var left = await SweepUntilNoneLeftAsync(context, erase);
        failure ??= left is null ? "the task hub could not be searched for the user's workflow history" : null;
        await context.CallActivityAsync<bool>(EraseActivities.Finish, new ErasureEnd(erase, left, failure), Retry);
    }

    /// <summary>
    /// Terminate → purge, pass after pass, waiting longer each time, until none is left or the passes run out. Returns what
    /// the last successful pass left, or null when no pass could search the task hub.
    /// </summary>
    private static async Task<int?> SweepUntilNoneLeftAsync(TaskOrchestrationContext context, ErasureStepInput erase)
    {
        int? left = null;
        for (var pass = 1; pass <= MaxSweepPasses; pass++)
        {
            try
            {
                left = await context.CallActivityAsync<int>(EraseActivities.Sweep, erase, Retry);
            }
            catch (TaskFailedException)
            {
                // The task hub could not be searched this time; the next pass tries again.
            }

            if (left == 0 || pass == MaxSweepPasses)
            {
                break;
            }

            await context.CreateTimer(TimeSpan.FromSeconds(Math.Min(120, 2 << Math.Min(pass, 6))), CancellationToken.None);
        }

        return left;
    }
}
