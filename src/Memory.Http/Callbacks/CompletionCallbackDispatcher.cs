using System.Threading.Channels;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Http.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Http.Callbacks;

/// <summary>
/// The local server's completion callbacks, off the ingestion path: a finished operation is queued (never waited on; a
/// full queue drops the callback and logs it) and delivered by this service, at most <see cref="MaxConcurrentDeliveries"/>
/// at once, each attempt made by <see cref="CompletionCallbackSender"/> (which reads the operation again, so an erase drops
/// every pending callback of that user) and retried with exponential back-off up to <see cref="CallbackOptions.MaxAttempts"/>
/// on a transport failure or a non-2xx answer. Pending deliveries live in memory only: a restart loses them (the
/// operation's status stays readable by polling or listing).
/// </summary>
public sealed class CompletionCallbackDispatcher(
    CompletionCallbackSender sender,
    TimeProvider timeProvider,
    ILogger<CompletionCallbackDispatcher> logger) : BackgroundService, IOperationFinishedListener
{
    public const int MaxConcurrentDeliveries = 8;
    private const int QueueCapacity = 10_000;

    private readonly Channel<(MemoryPartition Partition, string OperationId)> _finished =
        Channel.CreateBounded<(MemoryPartition, string)>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly SemaphoreSlim _slots = new(MaxConcurrentDeliveries);

    public void OperationFinished(MemoryPartition partition, string operationId)
    {
        if (!_finished.Writer.TryWrite((partition, operationId)))
        {
            Log.CallbackDropped(logger, operationId, "the callback queue is full");
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deliveries = new List<Task>();
        try
        {
            await foreach (var (partition, operationId) in _finished.Reader.ReadAllAsync(stoppingToken))
            {
                await _slots.WaitAsync(stoppingToken);
                deliveries.RemoveAll(delivery => delivery.IsCompleted);
                deliveries.Add(DeliverAsync(partition, operationId, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: deliveries still waiting to retry are dropped (documented: pending callbacks live in memory).
        }

        await Task.WhenAll(deliveries);
    }

    private async Task DeliverAsync(MemoryPartition partition, string operationId, CancellationToken stoppingToken)
    {
        try
        {
            var maxAttempts = sender.Settings.MaxAttempts;
            for (var attempt = 1; attempt <= maxAttempts; attempt++)
            {
                var result = await sender.SendAsync(partition, operationId, stoppingToken);
                if (result.Outcome != CallbackOutcome.Failed)
                {
                    if (result.Outcome == CallbackOutcome.Delivered)
                    {
                        Log.CallbackDelivered(logger, operationId, attempt);
                    }

                    return;
                }

                Log.CallbackAttemptFailed(logger, operationId, attempt, maxAttempts, result.Failure!);
                if (attempt < maxAttempts)
                {
                    await Task.Delay(sender.Settings.FirstRetryDelay * Math.Pow(2, attempt - 1), timeProvider, stoppingToken);
                }
            }

            Log.CallbackGaveUp(logger, operationId, maxAttempts);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // One callback's fault (a store error reading the operation) must not end the dispatcher.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.CallbackFaulted(logger, exception, operationId);
        }
        finally
        {
            _slots.Release();
        }
    }
}
