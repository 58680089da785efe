using System.Net.Http.Json;
using MemoryFunctions.Client.Models;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MemoryFunctions.Client;

public sealed partial class MemoryClient
{
    /// <summary>
    /// Submits conversation turns for ingestion and returns the queued operation (202). Always sends an
    /// <c>Idempotency-Key</c> (a new one unless given), so a retried request, by the resilience handler or by the caller
    /// with the same key, returns the first operation instead of ingesting the turns twice.
    /// </summary>
    public async Task<MemoryOperation> SubmitMessagesAsync(
        string userId, MessageBatch batch, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(
            HttpMethod.Post, User(userId, "messages"), JsonContent.Create(batch, options: MemoryClientJson.Options), cancellationToken,
            idempotencyKey: idempotencyKey ?? Guid.NewGuid().ToString("N"));
        return await ReadAsync<MemoryOperation>(response, cancellationToken);
    }

    public async Task<MemoryOperation> GetOperationAsync(string userId, string operationId, CancellationToken cancellationToken = default) =>
        (await PollOnceAsync(userId, operationId, cancellationToken)).Operation;

    /// <summary>
    /// Polls the operation until it is finished (succeeded, failed or cancelled) and returns it with its decisions and a
    /// record of each wait: exponential back-off with jitter from <see cref="OperationPolling.FirstDelay"/> up to
    /// <see cref="OperationPolling.MaxDelay"/>, or the server's <c>Retry-After</c> when it sends one. Throws
    /// <see cref="TimeoutException"/> after <see cref="OperationPolling.Timeout"/>. A failed operation is returned, not
    /// thrown: its <see cref="MemoryOperation.Error"/> says why.
    /// </summary>
    public async Task<OperationOutcome> WaitForOperationAsync(
        string userId, string operationId, OperationPolling? polling = null, CancellationToken cancellationToken = default)
    {
        polling ??= _defaultPolling;
        var polls = new List<OperationPoll>();
        var pipeline = new ResiliencePipelineBuilder<PolledOperation>()
            .AddTimeout(polling.Timeout)
            .AddRetry(new RetryStrategyOptions<PolledOperation>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Operation.IsFinished: false }),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = polling.FirstDelay,
                MaxDelay = polling.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    var polled = args.Outcome.Result!;
                    polls.Add(new(
                        args.AttemptNumber + 1, polled.Operation.Status, args.RetryDelay,
                        polled.RetryAfter is null ? OperationPollReason.BackOff : OperationPollReason.RetryAfter));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            var finished = await pipeline.ExecuteAsync(
                static async (state, token) => await state.Client.PollOnceAsync(state.UserId, state.OperationId, token),
                (Client: this, UserId: userId, OperationId: operationId),
                cancellationToken);
            return new(finished.Operation, polls);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                $"Operation '{operationId}' was still {polls.LastOrDefault()?.Status ?? "running"} after {polling.Timeout} and {polls.Count + 1} polls; "
                + "poll again later or raise OperationPolling.Timeout.", ex);
        }
    }

    private async Task<PolledOperation> PollOnceAsync(string userId, string operationId, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, User(userId, $"operations/{Escape(operationId)}"), content: null, cancellationToken);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        return new(await ReadAsync<MemoryOperation>(response, cancellationToken), retryAfter);
    }

    private sealed record PolledOperation(MemoryOperation Operation, TimeSpan? RetryAfter);
}
