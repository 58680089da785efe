using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Client.Tests;

/// <summary>
/// What the client sends and how it reacts to answers the local server never gives (Retry-After on a poll, 503s,
/// bearer tokens), at its HTTP boundary: a scripted primary handler under the real handler pipeline.
/// </summary>
public sealed class MemoryClientTransportTests
{
    [Fact]
    public async Task WaitForOperationAsync_RetryAfterOnARunningOperation_WaitsThatLongAndRecordsWhy()
    {
        var handler = new ScriptedHandler(
            _ => Json(HttpStatusCode.OK, """{"id":"op_1","status":"running"}""", retryAfterSeconds: 1),
            _ => Json(HttpStatusCode.OK, """{"id":"op_1","status":"succeeded","decisions":[{"action":"add","fact":"Lives in Oslo","memoryId":"mem_1"}]}"""));
        var client = Create(handler);

        var outcome = await client.WaitForOperationAsync("alice", "op_1", new OperationPolling { FirstDelay = TimeSpan.FromMilliseconds(10) });

        var poll = Assert.Single(outcome.Polls);
        Assert.Equal(OperationPollReason.RetryAfter, poll.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), poll.Delay);
        Assert.Equal("running", poll.Status);
        Assert.True(handler.Requests[1].At - handler.Requests[0].At >= TimeSpan.FromSeconds(0.95));
        Assert.Equal("mem_1", Assert.Single(outcome.Decisions).MemoryId);
    }

    [Fact]
    public async Task WaitForOperationAsync_NeverFinishes_ThrowsTimeoutNamingTheStatus()
    {
        var client = Create(new ScriptedHandler(_ => Json(HttpStatusCode.OK, """{"id":"op_1","status":"queued"}""")));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForOperationAsync(
            "alice", "op_1", new OperationPolling { FirstDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Contains("queued", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMemoryAsync_ServiceUnavailableThenOk_RetriedByTheResilienceHandler()
    {
        var handler = new ScriptedHandler(
            _ => Json(HttpStatusCode.ServiceUnavailable, """{"type":"urn:memoryfunctions:problem:store-unavailable","title":"Store unavailable"}""", retryAfterSeconds: 0),
            _ => Json(HttpStatusCode.OK, """{"id":"mem_1","kind":"fact","text":"Lives in Oslo"}"""));

        var memory = await Create(handler).GetMemoryAsync("alice", "mem_1");

        Assert.Equal("Lives in Oslo", memory.Text);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task UpdateMemoryAsync_ServiceUnavailable_NotRetriedAndCarriesRetryAfter()
    {
        var handler = new ScriptedHandler(
            _ => Json(HttpStatusCode.ServiceUnavailable, """{"type":"urn:memoryfunctions:problem:store-unavailable","title":"Store unavailable","detail":"Retry later."}""", retryAfterSeconds: 2));

        var error = await Assert.ThrowsAsync<MemoryApiException>(
            () => Create(handler).UpdateMemoryAsync("alice", "mem_1", new Models.MemoryPatch { Importance = 0.5 }));

        Assert.Single(handler.Requests);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal("urn:memoryfunctions:problem:store-unavailable", error.Type);
    }

    [Fact]
    public async Task Requests_KeyTenantAndCredential_SentAsHeadersNeverInTheUrl()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.Accepted, """{"id":"op_1","status":"queued"}"""));
        var credential = new StaticTokenCredential("entra-token");
        var client = Create(handler, options =>
        {
            options.FunctionKey = "key-1";
            options.TenantId = "acme";
            options.Credential = credential;
            options.Scopes.Add("api://memory/.default");
        });

        await client.SubmitMessagesAsync("alice", new Models.MessageBatch([new("user", "hi")]));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("key-1", request.Headers["x-functions-key"]);
        Assert.Equal("acme", request.Headers["x-tenant-id"]);
        Assert.Equal("Bearer entra-token", request.Headers["Authorization"]);
        Assert.False(string.IsNullOrEmpty(request.Headers["Idempotency-Key"]));
        Assert.DoesNotContain("key-1", request.Uri.ToString(), StringComparison.Ordinal);
        Assert.Equal(["api://memory/.default"], credential.Scopes);
    }

    private static MemoryClient Create(ScriptedHandler handler, Action<MemoryClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddMemoryClient(options =>
        {
            options.BaseAddress = new Uri("http://memory.test/api/");
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider().GetRequiredService<MemoryClient>();
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, status >= HttpStatusCode.BadRequest ? "application/problem+json" : "application/json") };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    private sealed record SeenRequest(Uri Uri, Dictionary<string, string> Headers, DateTimeOffset At);

    private sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new(request.RequestUri!, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)), DateTimeOffset.UtcNow));
            return Task.FromResult(answers[Math.Min(Requests.Count, answers.Length) - 1](request));
        }
    }

    private sealed class StaticTokenCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
