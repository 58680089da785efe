using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Http.Diagnostics;
using MemoryFunctions.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Callbacks;

/// <summary>
/// Sends completion callbacks off the ingestion path: a finished operation is queued (never waited on; a full queue drops
/// the callback and logs it) and delivered by this service, at most <see cref="MaxConcurrentDeliveries"/> at once, each
/// retried with exponential back-off up to <see cref="CallbackOptions.MaxAttempts"/> on a transport failure or a non-2xx
/// answer. Before every attempt the operation is read again: an erased user's operation is gone (or a stub without its
/// request), so an erase drops every pending callback of that user. Pending deliveries live in memory only: a restart
/// loses them (the operation's status stays readable by polling or listing).
/// </summary>
public sealed class CompletionCallbackDispatcher(
    IOperationStore operations,
    IHttpClientFactory clients,
    IOptionsMonitor<CallbackOptions> options,
    TimeProvider timeProvider,
    ILogger<CompletionCallbackDispatcher> logger) : BackgroundService, IOperationFinishedListener
{
    public const string HttpClientName = "MemoryCallbacks";
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
            var delivery = Guid.NewGuid().ToString("N");
            var settings = options.CurrentValue;
            for (var attempt = 1; attempt <= settings.MaxAttempts; attempt++)
            {
                var operation = await operations.GetAsync(partition, operationId, stoppingToken);
                if (operation?.Request.CallbackUrl is not { } url)
                {
                    // Erased meanwhile (or never asked for one): nothing of the user is sent anywhere.
                    return;
                }

                if (CallbackUrlRule.Check(url, settings) is not null || settings.Secret is not { } secret)
                {
                    Log.CallbackDropped(logger, operationId, "callbackUrl is no longer allowed by Memory:Callbacks");
                    return;
                }

                var outcome = await SendAsync(operation, url, secret, delivery, settings.Timeout, stoppingToken);
                if (outcome is null)
                {
                    Log.CallbackDelivered(logger, operationId, attempt);
                    return;
                }

                Log.CallbackAttemptFailed(logger, operationId, attempt, settings.MaxAttempts, outcome);
                if (attempt < settings.MaxAttempts)
                {
                    await Task.Delay(settings.FirstRetryDelay * Math.Pow(2, attempt - 1), timeProvider, stoppingToken);
                }
            }

            Log.CallbackGaveUp(logger, operationId, settings.MaxAttempts);
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

    /// <summary>One attempt: null when the receiver answered 2xx, else what went wrong (for the log; never the URL's query).</summary>
    private async Task<string?> SendAsync(MemoryOperation operation, string url, string secret, string delivery, TimeSpan timeout, CancellationToken stoppingToken)
    {
        var now = timeProvider.GetUtcNow();
        var body = JsonSerializer.Serialize(
            new CompletionCallbackBody(operation.Id, operation.TenantId, operation.UserId, JsonNamingPolicy.CamelCase.ConvertName(operation.Status.ToString()), operation.UpdatedAt),
            MemoryJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(CallbackSignature.Header, CallbackSignature.Create(secret, now, body));
        request.Headers.Add(CallbackSignature.DeliveryHeader, delivery);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("MemoryFunctions-Callbacks", "1"));
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attemptTimeout.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException exception)
        {
            return exception.HttpRequestError.ToString();
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }
}
