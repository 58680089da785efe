using DurableTask.Core.Exceptions;
using Grpc.Core;
using MemoryFunctions.Functions.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Functions.Durable;

/// <summary>
/// Keeps the task hub's history of completed instances no longer than <see cref="HistoryRetentionOptions.Retention"/>: a
/// pass purges every instance that completed and was created before now minus the retention, with
/// <see cref="DurableTaskClient.PurgeAllInstancesAsync(PurgeInstancesFilter, CancellationToken)"/>, which removes an
/// instance's history, state and, on the Azure Storage backend, the large-payload blobs under its id. Passes are run by
/// <see cref="HistoryPurgeOrchestrator"/>, which the ingestion and erase starter makes sure is running.
/// </summary>
/// <remarks>
/// Only Completed: a Failed or Terminated instance may belong to an operation still unfinished, which the starter purges
/// and schedules again under the same id when the client retries; a time-filtered pass racing that would delete the new
/// run, and it would erase the only record of why the old one failed. Those stay until that retry or the user's erase
/// (docs/functions.md, "History retention"). Purging a completed instance loses nothing the API needs: its operation has
/// ended in the store, and an erase's sweep that finds it gone takes one more pass.
/// </remarks>
public sealed class FinishedHistoryPurge(IOptions<HistoryRetentionOptions> options, TimeProvider timeProvider, ILogger<FinishedHistoryPurge> logger)
{
    private static readonly OrchestrationRuntimeStatus[] Purged = [OrchestrationRuntimeStatus.Completed];

    /// <summary>How soon a submission checks again after the check failed: soon, but not on every submission.</summary>
    private static readonly TimeSpan RecheckAfterFailure = TimeSpan.FromSeconds(30);

    /// <summary>When this instance of the app checks again that the purge runs (ticks; 0: at the next submission).</summary>
    private long _nextCheckTicks;

    /// <summary>One pass: purges the completed instances created before now minus the retention. A failure is logged (7113) and thrown.</summary>
    public async Task<HistoryPurgePass> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var settings = options.Value;
        var createdBefore = timeProvider.GetUtcNow() - settings.Retention;
        try
        {
            // The lower bound is required: the gRPC purge filter (the test host's sidecar, and the Functions extension's
            // ToPurgeInstanceFilter) converts it without a null check.
            var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(DateTimeOffset.UnixEpoch, createdBefore, Purged), cancellationToken);
            if (result.PurgedInstanceCount > 0)
            {
                Log.HistoryPurged(logger, result.PurgedInstanceCount, createdBefore);
            }

            return new HistoryPurgePass(result.PurgedInstanceCount, settings.PurgeInterval);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.HistoryPurgeFailed(logger, exception.GetType().Name, createdBefore);
            throw;
        }
    }

    /// <summary>
    /// Schedules <see cref="HistoryPurgeOrchestrator"/> unless it runs; checked at most once per purge interval by each
    /// instance of the app. A failure is logged and checked again after at most 30 s: it never fails the submission, whose
    /// own scheduling meets the same task hub.
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
            Interlocked.Exchange(ref _nextCheckTicks, (now + TimeSpan.FromTicks(Math.Min(interval.Ticks, RecheckAfterFailure.Ticks))).UtcTicks);
            return;
        }

        Interlocked.Exchange(ref _nextCheckTicks, (now + interval).UtcTicks);
    }
}
