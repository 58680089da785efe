using DurableTask.Core.Exceptions;
using Grpc.Core;
using MemoryFunctions.Functions.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Keeps the task hub's history of ended instances no longer than <see cref="HistoryRetentionOptions.Retention"/>: a pass
/// purges every instance that ended (completed, failed or terminated) and was created before now minus the retention, with
/// <see cref="DurableTaskClient.PurgeAllInstancesAsync(PurgeInstancesFilter, CancellationToken)"/>, which removes an
/// instance's history, state and, on the Azure Storage backend, its large-payload blobs. Passes are run by
/// <see cref="HistoryPurgeOrchestrator"/>, which the ingestion and erase starter makes sure is running.
/// </summary>
/// <remarks>
/// Purging an ended instance loses nothing the API needs: operations live in the store, the starter schedules an unfinished
/// operation again when its instance is gone, and an erase's sweep counts an instance purged meanwhile as found no more.
/// </remarks>
public sealed class FinishedHistoryPurge(IOptions<HistoryRetentionOptions> options, TimeProvider timeProvider, ILogger<FinishedHistoryPurge> logger)
{
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary>When this instance of the app checks again that the purge runs (ticks; 0: at the next submission).</summary>
    private long _nextCheckTicks;

    /// <summary>One pass: purges the ended instances created before now minus the retention.</summary>
    public async Task<HistoryPurgePass> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var settings = options.Value;
        var createdBefore = timeProvider.GetUtcNow() - settings.Retention;
        // A lower bound is given although none is needed: the gRPC purge filter of the test host's sidecar fails without one.
        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(DateTimeOffset.UnixEpoch, createdBefore, Ended), cancellationToken);
        Log.HistoryPurged(logger, result.PurgedInstanceCount, createdBefore);
        return new HistoryPurgePass(result.PurgedInstanceCount, settings.PurgeInterval);
    }

    /// <summary>
    /// Schedules <see cref="HistoryPurgeOrchestrator"/> unless it runs; checked at most once per purge interval by each
    /// instance of the app. A failure is logged and checked again at the next submission: it never fails the submission,
    /// whose own scheduling meets the same task hub.
    /// </summary>
    public async Task EnsureRunningAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = timeProvider.GetUtcNow();
        if (now.UtcTicks < Interlocked.Read(ref _nextCheckTicks))
        {
            return;
        }

        var interval = options.Value.PurgeInterval;
        try
        {
            var existing = await client.GetInstanceAsync(HistoryPurgeOrchestrator.InstanceId, getInputsAndOutputs: false, cancellationToken);
            if (existing is null || existing.IsCompleted)
            {
                if (existing is not null)
                {
                    await client.PurgeInstanceAsync(HistoryPurgeOrchestrator.InstanceId, cancellation: cancellationToken);
                }

                await client.ScheduleNewOrchestrationInstanceAsync(
                    HistoryPurgeOrchestrator.Name, new HistoryPurgeSchedule(interval), new StartOrchestrationOptions(HistoryPurgeOrchestrator.InstanceId), cancellationToken);
                Log.HistoryPurgeScheduled(logger, options.Value.Retention, interval);
            }
        }
        catch (Exception exception) when (exception is OrchestrationAlreadyExistsException or RpcException { StatusCode: StatusCode.AlreadyExists })
        {
            // Another submission scheduled it a moment ago.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.HistoryPurgeNotScheduled(logger, exception.GetType().Name);
            return;
        }

        Interlocked.Exchange(ref _nextCheckTicks, (now + interval).UtcTicks);
    }
}
