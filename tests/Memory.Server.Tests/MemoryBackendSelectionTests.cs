using MemoryFunctions.Core.Storage;
using MemoryFunctions.Embeddings.MiniLM;
using MemoryFunctions.Local;
using Microsoft.Extensions.AI;
using MemoryFunctions.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests;

public sealed class MemoryBackendSelectionTests
{
    [Theory]
    [InlineData(null, "LocalStorageEngine", "CosmosMemoryContainer")]
    [InlineData("Local", "LocalStorageEngine", "CosmosMemoryContainer")]
    [InlineData("cosmos", "CosmosMemoryContainer", "LocalStorageEngine")]
    public void AddMemoryBackends_StoreSetting_RegistersThatStoreOnly(string? store, string expectedBackend, string otherBackend)
    {
        var services = new ServiceCollection();

        services.AddMemoryBackends(Configuration(store));

        // The store itself sits behind the telemetry decorator; the backend it needs shows which one was chosen.
        Assert.Contains(services, descriptor => descriptor.ServiceType.Name == expectedBackend);
        Assert.DoesNotContain(services, descriptor => descriptor.ServiceType.Name == otherBackend);
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IMemoryStore));
    }

    [Fact]
    public void AddMemoryBackends_UnknownStore_FailsNamingTheSettingAndChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddMemoryBackends(Configuration("Redis")));

        Assert.Contains("Memory:Store", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Local'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Cosmos'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, MiniLMEmbeddingGenerator.ModelId)]
    [InlineData("minilm", MiniLMEmbeddingGenerator.ModelId)]
    [InlineData("Hashing", HashingEmbedder.ModelId)]
    public void AddMemoryBackends_EmbedderSetting_RegistersThatEmbedder(string? embedder, string expectedModel)
    {
        var configuration = Configuration(null, embedder);
        var services = new ServiceCollection().AddSingleton(configuration);

        services.AddMemoryBackends(configuration);

        // The model's identity is known without waiting for it to load (MiniLM loads in the background).
        using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.Equal(expectedModel, generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void AddMemoryBackends_UnknownEmbedder_FailsNamingTheSettingAndChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddMemoryBackends(Configuration(null, "word2vec")));

        Assert.Contains(MemoryBackendExtensions.EmbedderSetting, error.Message, StringComparison.Ordinal);
        Assert.Contains("'MiniLM'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Hashing'", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? store, string? embedder = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [MemoryBackendExtensions.StoreSetting] = store,
            [MemoryBackendExtensions.EmbedderSetting] = embedder,
        }).Build();
}
