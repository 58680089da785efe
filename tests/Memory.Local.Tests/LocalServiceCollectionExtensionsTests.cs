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
        Assert.Contains("Memory:Embeddings:Dimensions back to 64", error.Message, StringComparison.Ordinal);
        Assert.Contains("Memory:Local:DataDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains(HashingEmbedder.ModelId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_EmptyDataDirectorySetting_FailsValidation()
    {
        using var directory = new TempDirectory();
        using var host = BuildHost(string.Empty, dimensions: 64);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Memory:Local:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(string dataDirectory, int dimensions)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:Local:DataDirectory"] = dataDirectory,
            ["Memory:Embeddings:Dimensions"] = dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddLocalMemoryStore().AddHashingEmbedder();
        return builder.Build();
    }
}
