using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MemoryFunctions.Local.Tests;

public sealed class LocalServiceCollectionExtensionsTests
{
    private static readonly MemoryPartition Alice = new("t1", "alice");

    [Fact]
    public async Task AddLocalMemoryStore_HostRestart_StoresResolveAndKeepData()
    {
        using var directory = new TempDirectory();
        var memory = StoreHarness.Memory(Alice, "likes tea", new float[64]);
        using (var host = BuildHost(directory.Path, dimensions: 64))
        {
            await host.StartAsync();
            var store = host.Services.GetRequiredService<IMemoryStore>();
            Assert.IsType<LocalMemoryStore>(store);
            Assert.IsType<LocalOperationStore>(host.Services.GetRequiredService<IOperationStore>());
            Assert.IsType<HashingEmbedder>(host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
            await store.AddAsync(Alice, memory, StoreHarness.Added(memory));
            await host.StopAsync();
        }

        using (var host = BuildHost(directory.Path, dimensions: 64))
        {
            await host.StartAsync();
            Assert.NotNull(await host.Services.GetRequiredService<IMemoryStore>().GetAsync(Alice, memory.Id));
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task StartAsync_StoredDimensionsDifferFromEmbedder_FailsNamingSettingAndFix()
    {
        using var directory = new TempDirectory();
        using (var host = BuildHost(directory.Path, dimensions: 64))
        {
            await host.StartAsync();
            var embedder = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var memory = StoreHarness.Memory(Alice, "likes tea", (await embedder.GenerateVectorAsync("likes tea")).ToArray());
            await host.Services.GetRequiredService<IMemoryStore>().AddAsync(Alice, memory, StoreHarness.Added(memory));
            await host.StopAsync();
        }

        using var mismatched = BuildHost(directory.Path, dimensions: 128);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => mismatched.StartAsync());

        Assert.Contains("64-dimensional", error.Message, StringComparison.Ordinal);
        Assert.Contains("128-dimensional", error.Message, StringComparison.Ordinal);
        Assert.Contains("Memory:Embeddings:Dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains("Memory:Local:DataDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains(HashingEmbedder.ModelId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SameDimensionsFromAnotherModel_FailsNamingBothModels()
    {
        using var directory = new TempDirectory();
        await WriteOneMemoryAsync(directory.Path, dimensions: 64);

        using var switched = BuildHost(directory.Path, dimensions: 64, new FixedModelEmbedder("another-model", 64));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => switched.StartAsync());

        Assert.Contains($"'{HashingEmbedder.ModelId}' (64-dimensional)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'another-model' (64-dimensional)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_StoreWithoutVectors_TakesTheNewModel()
    {
        using var directory = new TempDirectory();
        using (var host = BuildHost(directory.Path, dimensions: 64))
        {
            await host.StartAsync();
            await host.StopAsync();
        }

        using var switched = BuildHost(directory.Path, dimensions: 64, new FixedModelEmbedder("another-model", 64));
        await switched.StartAsync();
        await switched.StopAsync();

        Assert.Contains("another-model", await File.ReadAllTextAsync(Path.Combine(directory.Path, "embedding-model.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_VectorsButNoModelFile_RefusesNamingTheFixAndStampsNothing()
    {
        using var directory = new TempDirectory();
        await WriteOneMemoryAsync(directory.Path, dimensions: 64);
        var stamp = Path.Combine(directory.Path, "embedding-model.json");
        File.Delete(stamp);

        // Issue 25, symptom 10: it used to start under whatever embedder had the same length, and stamp the file with it.
        foreach (var embedder in new IEmbeddingGenerator<string, Embedding<float>>?[] { null, new FixedModelEmbedder("another-model", 64) })
        {
            using var host = BuildHost(directory.Path, dimensions: 64, embedder);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

            Assert.Contains("embedding-model.json", error.Message, StringComparison.Ordinal);
            Assert.Contains("64-dimensional", error.Message, StringComparison.Ordinal);
            Assert.Contains("restore", error.Message, StringComparison.Ordinal);
            Assert.Contains("Memory:Local:DataDirectory", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(stamp));
        }

        await File.WriteAllTextAsync(stamp, $$"""{"formatVersion":1,"modelId":"{{HashingEmbedder.ModelId}}","dimensions":64}""");
        using var restored = BuildHost(directory.Path, dimensions: 64);
        await restored.StartAsync();
        await restored.StopAsync();
    }

    [Fact]
    public async Task StartAsync_EmptyDataDirectorySetting_FailsValidation()
    {
        using var directory = new TempDirectory();
        using var host = BuildHost(string.Empty, dimensions: 64);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Memory:Local:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    private static async Task WriteOneMemoryAsync(string dataDirectory, int dimensions)
    {
        using var host = BuildHost(dataDirectory, dimensions);
        await host.StartAsync();
        var memory = StoreHarness.Memory(Alice, "likes tea", new float[dimensions]);
        await host.Services.GetRequiredService<IMemoryStore>().AddAsync(Alice, memory, StoreHarness.Added(memory));
        await host.StopAsync();
    }

    private static IHost BuildHost(string dataDirectory, int dimensions, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:Local:DataDirectory"] = dataDirectory,
            ["Memory:Embeddings:Dimensions"] = dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (embedder is not null)
        {
            builder.Services.AddSingleton(embedder);
        }

        builder.Services.AddLocalMemoryStore().AddHashingEmbedder();
        return builder.Build();
    }
}
