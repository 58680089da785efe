using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Support;

/// <summary>
/// The server under test, with the store, operation store, embedder and clock replaced by the shared fakes. To run the
/// same suite against the real embedded store after the merge, change <see cref="ConfigureStorage"/> only.
/// </summary>
public sealed class MemoryServerFixture : IDisposable
{
    private readonly WebApplicationFactory<Program> _root = new();
    private readonly List<WebApplicationFactory<Program>> _variants = [];

    public MemoryServerFixture()
    {
        Factory = CreateFactory();
    }

    public FakeTimeProvider Clock { get; } = new();

    public InMemoryMemoryStore Store { get; } = new();

    public InMemoryOperationStore Operations { get; } = new();

    public FakeEmbeddingGenerator Embedder { get; } = new();

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient CreateClient() => Factory.CreateClient();

    /// <summary>A server sharing this fixture's fakes, with extra settings (e.g. API keys or a smaller body limit).</summary>
    public WebApplicationFactory<Program> CreateFactory(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = _root.WithWebHostBuilder(builder =>
        {
            // App configuration added last wins over appsettings.json, unlike UseSetting's host settings.
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));

            builder.ConfigureTestServices(ConfigureStorage);
        });
        _variants.Add(factory);
        return factory;
    }

    public void Dispose()
    {
        foreach (var factory in _variants)
        {
            factory.Dispose();
        }

        _root.Dispose();
    }

    /// <summary>The one swap point: fakes today; <c>services.AddLocalMemoryStore()</c> + <c>AddHashingEmbedder()</c> after the merge.</summary>
    private void ConfigureStorage(IServiceCollection services)
    {
        services.AddSingleton<IMemoryStore>(Store);
        services.AddSingleton<IOperationStore>(Operations);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(Embedder);
        services.AddSingleton<TimeProvider>(Clock);
    }
}
