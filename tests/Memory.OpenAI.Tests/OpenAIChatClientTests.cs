using System.Text.Json;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.OpenAI.Tests.Server;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.OpenAI.Tests;

public sealed class OpenAIChatClientTests : IClassFixture<ModelServerFixture>
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","additionalProperties":false,"required":["summary"],"properties":{"summary":{"type":"string"}}}
        """).RootElement;

    private readonly ScriptedModelServer _server;

    public OpenAIChatClientTests(ModelServerFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchemaFormat_SendsStrictSchemaAndReturnsUsage()
    {
        using var services = TestModels.Build(TestModels.Settings(_server));
        var chat = services.GetRequiredService<IChatClient>();
        const string answer = """{"summary":"Lives in Oslo."}""";
        _server.EnqueueChat(answer);

        var response = await chat.GetResponseAsync(
            [new(ChatRole.System, "Summarise."), new(ChatRole.User, "I live in Oslo.")],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 100, ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "summarize_v1", "A summary") });

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("gpt-4o-mini", request.Body.GetProperty("model").GetString());
        Assert.Equal(0, request.Body.GetProperty("temperature").GetDouble());
        Assert.Equal(100, request.Body.GetProperty("max_completion_tokens").GetInt32());
        var format = request.Body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("summarize_v1", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.True(JsonElement.DeepEquals(Schema, format.GetProperty("json_schema").GetProperty("schema")));
        Assert.Equal(["system", "user"], request.Body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(["Summarise.", "I live in Oslo."], request.MessageContents);

        Assert.Equal(answer, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        var expectedInput = ScriptedModelServer.EstimateTokens("Summarise.".Length + "I live in Oslo.".Length + format.GetRawText().Length);
        Assert.Equal(expectedInput, response.Usage!.InputTokenCount);
        Assert.Equal(ScriptedModelServer.EstimateTokens(answer.Length), response.Usage.OutputTokenCount);
        Assert.Equal(expectedInput + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_ApiKey_SendsBearerAuthorization()
    {
        using var services = TestModels.Build(TestModels.Settings(_server));
        _server.EnqueueChat("ok");

        await services.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Equal($"Bearer {TestModels.ApiKey}", Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitedWithRetryAfter_RetriesAfterTheRequestedDelay()
    {
        using var services = TestModels.Build(TestModels.Settings(_server));
        _server.EnqueueFault(429, retryAfterSeconds: 1);
        _server.EnqueueChat("ok");

        var response = await services.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Equal("ok", response.Text);
        var requests = _server.Requests;
        Assert.Equal(2, requests.Count);

        // The SDK's own back-off would wait 0.8 s; Retry-After: 1 must win.
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), $"waited {requests[1].ReceivedAt - requests[0].ReceivedAt}");
    }

    [Fact]
    public async Task GetResponseAsync_ServerErrorThenSuccess_Retries()
    {
        using var services = TestModels.Build(TestModels.Settings(_server));
        _server.EnqueueFault(500);
        _server.EnqueueChat("ok");

        var response = await services.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_Unauthorized_ThrowsPermanentModelCallExceptionWithoutRetry()
    {
        using var services = TestModels.Build(TestModels.Settings(_server));
        _server.EnqueueFault(401);
        _server.EnqueueChat("never sent");

        var error = await Assert.ThrowsAsync<ModelCallException>(() => services.GetRequiredService<IChatClient>().GetResponseAsync("hello"));

        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("Memory:OpenAI:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Memory:OpenAI:ApiKey", error.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("injected fault", error.Remedy, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_NotFound_HintsThatChatModelMustBeADeploymentName()
    {
        using var services = TestModels.Build(TestModels.Settings(_server));
        _server.EnqueueFault(404);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => services.GetRequiredService<IChatClient>().GetResponseAsync("hello"));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("check Memory:OpenAI:ChatModel is a deployment name", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_BadRequest_NotRetried()
    {
        using var services = TestModels.Build(TestModels.Settings(_server));
        _server.EnqueueFault(400);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => services.GetRequiredService<IChatClient>().GetResponseAsync("hello"));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("injected fault 400", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_ServerKeepsFailing_ThrowsTransientAfterMaxRetries()
    {
        var settings = TestModels.Settings(_server);
        settings["Memory:OpenAI:MaxRetries"] = "1";
        using var services = TestModels.Build(settings);
        _server.EnqueueFault(503);
        _server.EnqueueFault(503);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => services.GetRequiredService<IChatClient>().GetResponseAsync("hello"));

        Assert.Equal(503, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_FirstAttemptTimesOut_RetriesAndSucceeds()
    {
        var settings = TestModels.Settings(_server);
        settings["Memory:OpenAI:TimeoutSeconds"] = "1";
        settings["Memory:OpenAI:MaxRetries"] = "1";
        using var services = TestModels.Build(settings);
        _server.EnqueueDelay(TimeSpan.FromSeconds(3));
        _server.EnqueueChat("late", "ok");

        var response = await services.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Equal(2, _server.Requests.Count);
        Assert.True(response.Text is "late" or "ok");
    }

    [Fact]
    public async Task GetResponseAsync_TimeoutWithoutRetries_ThrowsTransientTimeout()
    {
        var settings = TestModels.Settings(_server);
        settings["Memory:OpenAI:TimeoutSeconds"] = "1";
        settings["Memory:OpenAI:MaxRetries"] = "0";
        using var services = TestModels.Build(settings);
        _server.EnqueueDelay(TimeSpan.FromSeconds(3));
        _server.EnqueueChat("late");

        var error = await Assert.ThrowsAsync<ModelCallException>(() => services.GetRequiredService<IChatClient>().GetResponseAsync("hello"));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_NoTemperatureConfigured_SendsNone()
    {
        using var services = TestModels.Build(TestModels.Settings(_server));
        _server.EnqueueChat("ok");

        await services.GetRequiredService<IChatClient>().GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 10 });

        Assert.False(Assert.Single(_server.Requests).Body.TryGetProperty("temperature", out _));
    }

    [Fact]
    public async Task GetResponseAsync_TemperatureConfigured_SendsIt()
    {
        var settings = TestModels.Settings(_server);
        settings["Memory:OpenAI:Temperature"] = "0.2";
        using var services = TestModels.Build(settings);
        _server.EnqueueChat("ok");

        await services.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Equal(0.2, Assert.Single(_server.Requests).Body.GetProperty("temperature").GetDouble(), precision: 5);
    }

    [Fact]
    public void GetService_ChatClientMetadata_ReportsProviderEndpointAndModel()
    {
        using var services = TestModels.Build(TestModels.Settings(_server));

        var metadata = services.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal("gpt-4o-mini", metadata.DefaultModelId);
        Assert.Equal(_server.V1, metadata.ProviderUri);
    }
}
