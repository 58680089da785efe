using System.Collections.Concurrent;
using System.Threading.Channels;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Http.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Http.Callbacks;

/// <summary>
/// The local server's completion callbacks, off the ingestion path: a finished operation is queued (never waited on) and
/// delivered by this service, at most <see cref="MaxConcurrentDeliveries"/> at once, each attempt made by
/// <see cref="CompletionCallbackSender"/> (which reads the operation again, so an erase ends every callback still owed to
/// that user) and retried with exponential back-off up to <see cref="CallbackOptions.MaxAttempts"/> on a transport failure
/// or a non-2xx answer.
/// </summary>
/// <remarks>
/// With a store that keeps the callback's state on the operation (<see cref="ICallbackBacklog"/>, the embedded store) a
/// delivery survives a restart or a crash: each attempt is counted in the store before it is made (so a crash mid-attempt
/// still uses one up, and the bound holds across restarts), the settlement is recorded after, and at start every callback
/// still owed is queued again. So delivery is at least once: a crash between the receiver's answer and the record sends
/// the notice again, with the same <c>Memory-Delivery</c> id. A queue that is full defers the callback to the store
/// instead of dropping it. Without a backlog (the local server on Cosmos DB) pending callbacks live in memory only.
/// </remarks>
public sealed class CompletionCallbackDispatcher(
    CompletionCallbackSender sender,
    IOperationStore operations,
    TimeProvider timeProvider,
    ILogger<CompletionCallbackDispatcher> logger,
    ICallbackBacklog? backlog = null) : BackgroundService, IOperationFinishedListener
{
    public const int MaxConcurrentDeliveries = 8;
    private const int QueueCapacity = 10_000;

    private readonly Channel<Owed> _queue = Channel.CreateBounded<Owed>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>A request to list the backlog again (room freed after an overflow); one pending request is enough.</summary>
    private readonly Channel<bool> _sweepRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Operations queued or being delivered, so a sweep does not queue one twice.</summary>
    private readonly ConcurrentDictionary<(MemoryPartition, string), byte> _owed = new();

    private readonly SemaphoreSlim _slots = new(MaxConcurrentDeliveries);

    public void OperationFinished(MemoryPartition partition, string operationId) => Enqueue(new Owed(partition, operationId, 0));

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeps = SweepAsync(stoppingToken);
        var deliveries = new List<Task>();
        try
        {
            await foreach (var owed in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await _slots.WaitAsync(stoppingToken);
                deliveries.RemoveAll(delivery => delivery.IsCompleted);
                deliveries.Add(DeliverAsync(owed, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still owed stays in the backlog (or, without one, is dropped: documented).
        }

        await Task.WhenAll(deliveries);
        await sweeps;
    }

    private bool Enqueue(Owed owed)
    {
        var key = (owed.Partition, owed.OperationId);
        if (!_owed.TryAdd(key, 0))
        {
            return false;
        }

        if (_queue.Writer.TryWrite(owed))
        {
            return true;
        }

        _owed.TryRemove(key, out _);
        if (backlog is null)
        {
            Log.CallbackDropped(logger, owed.OperationId, "the callback queue is full");
        }
        else
        {
            Log.CallbackDeferred(logger, owed.OperationId);
            _sweepRequests.Writer.TryWrite(true);
        }

        return false;
    }

    /// <summary>Queues what the store still owes: at start (what a restart or crash left), then after every overflow.</summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        if (backlog is null)
        {
            return;
        }

        try
        {
            if (await QueueBacklogAsync(backlog, stoppingToken) is var resumed and > 0)
            {
                Log.CallbacksResumed(logger, resumed);
            }

            await foreach (var _ in _sweepRequests.Reader.ReadAllAsync(stoppingToken))
            {
                await QueueBacklogAsync(backlog, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Waits for room rather than overflowing, so a large backlog is queued as deliveries free it.</summary>
    private async Task<int> QueueBacklogAsync(ICallbackBacklog owedByStore, CancellationToken stoppingToken)
    {
        var queued = 0;
        await foreach (var operation in owedByStore.ListAwaitingAsync(stoppingToken))
        {
            while (_queue.Reader.Count >= QueueCapacity)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), timeProvider, stoppingToken);
            }

            queued += Enqueue(new Owed(operation.Partition, operation.Id, operation.Callback?.Attempts ?? 0)) ? 1 : 0;
        }

        return queued;
    }

    private async Task DeliverAsync(Owed owed, CancellationToken stoppingToken)
    {
        var (partition, operationId, attemptsMade) = owed;
        try
        {
            if (await operations.GetAsync(partition, operationId, stoppingToken) is not { AwaitsCallback: true })
            {
                return;
            }

            var maxAttempts = sender.Settings.MaxAttempts;
            for (var attempt = attemptsMade + 1; attempt <= maxAttempts; attempt++)
            {
                if (attempt > 1)
                {
                    await Task.Delay(sender.Settings.FirstRetryDelay * Math.Pow(2, attempt - 2), timeProvider, stoppingToken);
                }

                await RecordAsync(partition, operationId, new CallbackDelivery(attempt), stoppingToken);
                var result = await sender.SendAsync(partition, operationId, stoppingToken);
                if (result.Outcome != CallbackOutcome.Failed)
                {
                    // Recorded before it is logged: the log line means a restart will not send it again.
                    await SettleAsync(partition, operationId, attempt, result.Outcome, stoppingToken);
                    if (result.Outcome == CallbackOutcome.Delivered)
                    {
                        Log.CallbackDelivered(logger, operationId, attempt);
                    }

                    return;
                }

                Log.CallbackAttemptFailed(logger, operationId, attempt, maxAttempts, result.Failure!);
            }

            await SettleAsync(partition, operationId, maxAttempts, CallbackOutcome.Failed, stoppingToken);
            Log.CallbackGaveUp(logger, operationId, maxAttempts);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the attempts made are recorded, and the next start resumes from them.
        }
#pragma warning disable CA1031 // One callback's fault (a store error reading the operation) must not end the dispatcher.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.CallbackFaulted(logger, exception, operationId);
        }
        finally
        {
            _owed.TryRemove((partition, operationId), out _);
            _slots.Release();
        }
    }

    /// <summary>Nothing to send (no callback asked, user erased, settled meanwhile) leaves the operation as it is.</summary>
    private Task SettleAsync(MemoryPartition partition, string operationId, int attempts, CallbackOutcome outcome, CancellationToken stoppingToken) =>
        outcome == CallbackOutcome.NothingToSend
            ? Task.CompletedTask
            : RecordAsync(partition, operationId, new CallbackDelivery(attempts, timeProvider.GetUtcNow()), stoppingToken);

    private Task RecordAsync(MemoryPartition partition, string operationId, CallbackDelivery delivery, CancellationToken stoppingToken) =>
        backlog?.RecordAsync(partition, operationId, delivery, stoppingToken) ?? Task.CompletedTask;

    private readonly record struct Owed(MemoryPartition Partition, string OperationId, int AttemptsMade);
}
