using Azure.Core;
using MemoryFunctions.Core.Ingestion;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.OpenAI.Tests.Server;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.OpenAI.Tests;

public sealed class AddOpenAIModelsTests : IClassFixture<ModelServerFixture>
{
    private readonly ScriptedModelServer _server;

    public AddOpenAIModelsTests(ModelServerFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
    }

    [Fact]
    public void AddOpenAIModels_NoModelsConfigured_RegistersNeitherChatNorEmbeddings()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:OpenAI:Endpoint"] = "https://contoso.openai.azure.com",
            ["Memory:OpenAI:ChatModel"] = string.Empty,
        }).Build();

        services.AddOpenAIModels(configuration).AddLlmIngestion();

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IChatClient));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IFactExtractor) || d.ServiceType == typeof(IMemoryReconciler) || d.ServiceType == typeof(ISummarizer));
    }

    [Fact]
    public void AddOpenAIModels_ChatOnly_RegistersChatClientButNoEmbeddings()
    {
        using var services = TestModels.Build(TestModels.Settings(_server, chatModel: "gpt-4.1-mini"));

        Assert.NotNull(services.GetService<IChatClient>());
        Assert.Null(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.IsType<LlmFactExtractor>(services.GetRequiredService<IFactExtractor>());
        Assert.IsType<LlmMemoryReconciler>(services.GetRequiredService<IMemoryReconciler>());
        Assert.IsType<LlmSummarizer>(services.GetRequiredService<ISummarizer>());
    }

    [Fact]
    public void AddLlmIngestion_BeforeLocalTryAddRegistrations_LlmImplementationsWin()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddOpenAIModels(new ConfigurationBuilder().AddInMemoryCollection(TestModels.Settings(_server)).Build());
        collection.AddLlmIngestion();
        collection.TryAddSingleton<IFactExtractor, LocalExtractor>();

        using var provider = collection.BuildServiceProvider();

        Assert.IsType<LlmFactExtractor>(provider.GetRequiredService<IFactExtractor>());
    }

    [Fact]
    public void AddLlmIngestion_WithoutChatModel_LocalImplementationStays()
    {
        var collection = new ServiceCollection();
        collection.AddOpenAIModels(new ConfigurationBuilder().AddInMemoryCollection(TestModels.Settings(_server, chatModel: null)).Build());
        collection.AddLlmIngestion();
        collection.TryAddSingleton<IFactExtractor, LocalExtractor>();

        using var provider = collection.BuildServiceProvider();

        Assert.IsType<LocalExtractor>(provider.GetRequiredService<IFactExtractor>());
    }

    [Fact]
    public void AddOpenAIModels_WithoutArgument_ReadsTheHostsConfiguration()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(TestModels.Settings(_server)).Build());

        services.AddOpenAIModels();

        Assert.Contains(services, d => d.ServiceType == typeof(IChatClient));
    }

    [Fact]
    public void AddOpenAIModels_OnAHostBuilder_ReadsTheBuildersConfiguration()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(TestModels.Settings(_server));

        builder.Services.AddOpenAIModels();

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(IChatClient));
    }

    [Fact]
    public void Options_CustomEmbeddingModelWithoutDimensions_FailsNamingTheSetting()
    {
        using var services = TestModels.Build(TestModels.Settings(_server, chatModel: null, embeddingModel: "nomic-embed-text"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OpenAIModelOptions>>().Value);

        Assert.Contains("Memory:OpenAI:EmbeddingDimensions is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OpenAIWithoutKey_FailsNamingTheSetting()
    {
        using var services = TestModels.Build(new Dictionary<string, string?> { ["Memory:OpenAI:ChatModel"] = "gpt-4o-mini" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OpenAIModelOptions>>().Value);

        Assert.Contains("Memory:OpenAI:ApiKey is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://contoso.openai.azure.com", "https://contoso.openai.azure.com/", true)]
    [InlineData("https://contoso.cognitiveservices.azure.com/", "https://contoso.cognitiveservices.azure.com/", true)]
    [InlineData("https://contoso.openai.azure.com/openai/v1/", "https://contoso.openai.azure.com/openai/v1", true)]
    [InlineData("http://localhost:11434/v1", "http://localhost:11434/v1", false)]
    [InlineData("http://localhost:8080/v1/", "http://localhost:8080/v1", false)]
    public void Resolve_Endpoint_KeepsThePathAndRecognisesAzureHosts(string configured, string expected, bool azure)
    {
        var resolved = OpenAIEndpoint.Resolve(configured, out var isAzure);

        Assert.Equal(new Uri(expected), resolved);
        Assert.Equal(azure, isAzure);
    }

    [Theory]
    [InlineData("https://contoso.openai.azure.com", null, null, OpenAIAuthMode.EntraId)]
    [InlineData("https://contoso.openai.azure.com", "key", null, OpenAIAuthMode.ApiKey)]
    [InlineData("http://localhost:11434/v1", null, null, OpenAIAuthMode.None)]
    [InlineData(null, "key", null, OpenAIAuthMode.ApiKey)]
    [InlineData("https://contoso.openai.azure.com", "key", OpenAIAuthMode.EntraId, OpenAIAuthMode.EntraId)]
    public void ResolveAuthMode_Settings_ChoosesTheExpectedMode(string? endpoint, string? key, OpenAIAuthMode? overridden, OpenAIAuthMode expected)
    {
        var mode = OpenAIConnection.ResolveAuthMode(new OpenAIModelOptions { Endpoint = endpoint, ApiKey = key, AuthMode = overridden });

        Assert.Equal(expected, mode);
    }

    [Fact]
    public async Task GetResponseAsync_EntraIdOnAzureV1Path_SendsBearerTokenForCognitiveServicesScope()
    {
        using var certificate = LoopbackCertificate.Create();
        await using var server = await ScriptedModelServer.StartAsync(certificate);
        var credential = new FakeTokenCredential("entra-token");
        var settings = new Dictionary<string, string?>
        {
            ["Memory:OpenAI:Endpoint"] = new Uri(server.BaseUri, "openai/v1/").ToString(),
            ["Memory:OpenAI:AuthMode"] = "EntraId",
            ["Memory:OpenAI:ChatModel"] = "my-gpt-4o-mini-deployment",
        };
        using var services = TestModels.Build(settings, s => s
            .AddSingleton<TokenCredential>(credential)
            .AddSingleton(LoopbackCertificate.TrustingTransport(certificate)));
        server.EnqueueChat("ok");

        await services.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal("Bearer entra-token", request.Authorization);
        Assert.Equal("my-gpt-4o-mini-deployment", request.Body.GetProperty("model").GetString());
        Assert.Contains("https://cognitiveservices.azure.com/.default", credential.Scopes);
    }

    [Fact]
    public async Task GetResponseAsync_LocalServerWithoutKey_SendsNoAuthorization()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Memory:OpenAI:Endpoint"] = _server.V1.ToString(),
            ["Memory:OpenAI:ChatModel"] = "llama3.1",
        };
        using var services = TestModels.Build(settings);
        _server.EnqueueChat("ok");

        await services.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        var request = Assert.Single(_server.Requests);
        Assert.Null(request.Authorization);
        Assert.Null(request.ApiKeyHeader);
    }

    private sealed class LocalExtractor : IFactExtractor
    {
        public Task<ExtractionResult> ExtractAsync(IngestionRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ExtractionResult([], Core.Operations.TokenUsage.None));
    }
}
