using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Http.Diagnostics;
using MemoryFunctions.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Callbacks;

/// <summary>
/// One delivery attempt of a finished operation's completion callback, the same on both hosts (the local server's
/// <see cref="CompletionCallbackDispatcher"/> retries it, keeping what is owed in the store; the Functions app retries it as a Durable activity):
/// the operation is read again (an erased user's is gone, so nothing of it is sent; one whose callback was settled meanwhile
/// is not sent twice), its URL checked again against
/// <see cref="CallbackUrlRule"/> (the settings may have changed), the body signed (<see cref="CallbackSignature"/>) and
/// POSTed once, without following redirects.
/// </summary>
public sealed class CompletionCallbackSender(
    IOperationStore operations,
    IHttpClientFactory clients,
    IOptionsMonitor<CallbackOptions> options,
    TimeProvider timeProvider,
    ILogger<CompletionCallbackSender> logger)
{
    public const string HttpClientName = "MemoryCallbacks";

    /// <summary>
    /// The <c>Memory-Delivery</c> id of an operation's notice: derived from the operation id, so it is the same on every
    /// attempt, after a restart and on a Durable replay, and a receiver can drop repeats.
    /// </summary>
    public static string DeliveryId(string operationId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("callback\n" + operationId)))[..32];

    public CallbackOptions Settings => options.CurrentValue;

    public async Task<CallbackAttempt> SendAsync(MemoryPartition partition, string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        var operation = await operations.GetAsync(partition, operationId, cancellationToken);
        if (operation is not { AwaitsCallback: true, Request.CallbackUrl: { } url })
        {
            return new CallbackAttempt(CallbackOutcome.NothingToSend);
        }

        var settings = options.CurrentValue;
        if (CallbackUrlRule.Check(url, settings) is not null || settings.Secret is not { } secret)
        {
            Log.CallbackDropped(logger, operationId, "callbackUrl is no longer allowed by Memory:Callbacks");
            return new CallbackAttempt(CallbackOutcome.Refused);
        }

        var body = JsonSerializer.Serialize(
            new CompletionCallbackBody(operation.Id, operation.TenantId, operation.UserId, JsonNamingPolicy.CamelCase.ConvertName(operation.Status.ToString()), operation.UpdatedAt),
            MemoryJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(CallbackSignature.Header, CallbackSignature.Create(secret, timeProvider.GetUtcNow(), body));
        request.Headers.Add(CallbackSignature.DeliveryHeader, DeliveryId(operation.Id));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("MemoryFunctions-Callbacks", "1"));
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
            return response.IsSuccessStatusCode ? new CallbackAttempt(CallbackOutcome.Delivered) : new CallbackAttempt(CallbackOutcome.Failed, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException exception)
        {
            return new CallbackAttempt(CallbackOutcome.Failed, exception.HttpRequestError.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CallbackAttempt(CallbackOutcome.Failed, "timed out");
        }
    }
}
