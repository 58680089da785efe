using System.ClientModel.Primitives;
using System.Text.Json;
using Azure.Core;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.OpenAI.Tests.Server;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.OpenAI.Tests;

/// <summary>
/// A bare Azure resource endpoint goes through Azure.AI.OpenAI's AzureOpenAIClient (built against an older OpenAI SDK than
/// the one pinned): these prove that combination on the wire, against the scripted server behind the Azure host name.
/// </summary>
public sealed class AzureOpenAIClientTests : IClassFixture<ModelServerFixture>
{
    private const string Endpoint = "https://contoso.openai.azure.com";

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","additionalProperties":false,"required":["summary"],"properties":{"summary":{"type":"string"}}}
        """).RootElement;

    private readonly ScriptedModelServer _server;

    public AzureOpenAIClientTests(ModelServerFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
    }

    [Fact]
    public async Task GetResponseAsync_ApiKeyOnResourceEndpoint_CallsTheDeploymentRouteWithApiKeyHeaderAndStrictSchema()
    {
        using var services = Build(new() { ["Memory:OpenAI:ApiKey"] = "azure-key", ["Memory:OpenAI:ChatModel"] = "my-chat-deployment" });
        _server.EnqueueChat("""{"summary":"Lives in Oslo."}""");

        var response = await services.GetRequiredService<IChatClient>().GetResponseAsync(
            "I live in Oslo.", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "summarize_v1") });

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/deployments/my-chat-deployment/chat/completions", request.Path);
        Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
        Assert.Equal("azure-key", request.ApiKeyHeader);
        Assert.Null(request.Authorization);
        Assert.True(request.Body.GetProperty("response_format").GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.False(request.Body.TryGetProperty("temperature", out _));
        Assert.Equal("""{"summary":"Lives in Oslo."}""", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_EntraId_SendsBearerTokenForCognitiveServicesScope()
    {
        var credential = new FakeTokenCredential("entra-token");
        using var services = Build(new() { ["Memory:OpenAI:ChatModel"] = "my-chat-deployment" }, credential);
        _server.EnqueueChat("ok");

        await services.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer entra-token", request.Authorization);
        Assert.Contains(OpenAIConnection.AzureScope, credential.Scopes);
    }

    [Fact]
    public async Task GenerateAsync_ConfiguredDimensions_CallsTheDeploymentRouteAndChecksTheSize()
    {
        using var services = Build(new()
        {
            ["Memory:OpenAI:ApiKey"] = "azure-key",
            ["Memory:OpenAI:EmbeddingModel"] = "my-embedding-deployment",
            ["Memory:OpenAI:EmbeddingDimensions"] = "8",
        });

        var embeddings = await services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["Lives in Oslo"]);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/deployments/my-embedding-deployment/embeddings", request.Path);
        Assert.Equal(8, request.Body.GetProperty("dimensions").GetInt32());
        Assert.Equal(ScriptedModelServer.Vector("Lives in Oslo", 8), embeddings[0].Vector.ToArray());
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitedThenUnauthorized_RetriesThenThrowsPermanentError()
    {
        using var services = Build(new() { ["Memory:OpenAI:ApiKey"] = "azure-key", ["Memory:OpenAI:ChatModel"] = "my-chat-deployment" });
        _server.EnqueueFault(429, retryAfterSeconds: 1);
        _server.EnqueueFault(401);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => services.GetRequiredService<IChatClient>().GetResponseAsync("hello"));

        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Equal(2, _server.Requests.Count);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings, TokenCredential? credential = null)
    {
        settings["Memory:OpenAI:Endpoint"] = Endpoint;
        settings["Memory:OpenAI:MaxRetries"] = "2";
        return TestModels.Build(settings, services =>
        {
            services.AddSingleton<PipelineTransport>(new HttpClientPipelineTransport(new HttpClient(new LoopbackRedirectHandler(_server.BaseUri))));
            if (credential is not null)
            {
                services.AddSingleton(credential);
            }
        });
    }
}
