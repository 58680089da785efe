using MemoryFunctions.Core.Llm;
using MemoryFunctions.OpenAI.Tests.Server;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.OpenAI.Tests;

public sealed class OpenAIEmbeddingGeneratorTests : IClassFixture<ModelServerFixture>
{
    private readonly ScriptedModelServer _server;

    public OpenAIEmbeddingGeneratorTests(ModelServerFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
    }

    [Fact]
    public async Task GenerateAsync_ConfiguredDimensions_SendsDimensionsAndReturnsVectorsInOrder()
    {
        using var services = Build("text-embedding-3-small", dimensions: 8);
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["Lives in Oslo", "Works at Contoso"]);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal(8, request.Body.GetProperty("dimensions").GetInt32());
        Assert.Equal(2, embeddings.Count);
        Assert.Equal(ScriptedModelServer.Vector("Lives in Oslo", 8), embeddings[0].Vector.ToArray());
        Assert.Equal(ScriptedModelServer.Vector("Works at Contoso", 8), embeddings[1].Vector.ToArray());
        Assert.Equal(ScriptedModelServer.EstimateTokens("Lives in Oslo".Length + "Works at Contoso".Length), embeddings.Usage!.InputTokenCount);
    }

    [Fact]
    public void GetService_Metadata_ReportsConfiguredDimensions()
    {
        using var services = Build("my-embedding-deployment", dimensions: 256);

        var metadata = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(256, metadata.DefaultModelDimensions);
        Assert.Equal("my-embedding-deployment", metadata.DefaultModelId);
    }

    [Fact]
    public async Task GenerateAsync_WellKnownModelWithoutDimensions_InfersSizeAndDoesNotSendIt()
    {
        using var services = Build("text-embedding-3-small", dimensions: null);
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["Lives in Oslo"]);

        Assert.Equal(1536, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
        Assert.False(Assert.Single(_server.Requests).Body.TryGetProperty("dimensions", out _));
        Assert.Equal(1536, embeddings[0].Vector.Length);
    }

    [Fact]
    public async Task GenerateAsync_VectorsOfAnotherSize_ThrowsNamingTheSetting()
    {
        // text-embedding-3-large is known as 3072-d, but the server answers with its default 1536-d vectors.
        using var services = Build("text-embedding-3-large", dimensions: null);
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => generator.GenerateAsync(["Lives in Oslo"]));

        Assert.Contains("Memory:OpenAI:EmbeddingDimensions", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task GenerateAsync_Forbidden_NotRetriedAndHintsTheRole()
    {
        using var services = Build("text-embedding-3-small", dimensions: 8);
        _server.EnqueueFault(403);

        var error = await Assert.ThrowsAsync<ModelCallException>(
            () => services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["x"]));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("Cognitive Services OpenAI User", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GenerateAsync_RateLimitedThenSuccess_Retries()
    {
        using var services = Build("text-embedding-3-small", dimensions: 8);
        _server.EnqueueFault(429, retryAfterSeconds: 1);

        var embeddings = await services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["x"]);

        Assert.Single(embeddings);
        Assert.Equal(2, _server.Requests.Count);
    }

    private ServiceProvider Build(string model, int? dimensions)
    {
        var settings = TestModels.Settings(_server, chatModel: null, embeddingModel: model);
        settings["Memory:OpenAI:EmbeddingDimensions"] = dimensions?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TestModels.Build(settings);
    }
}
