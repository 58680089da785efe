using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using MemoryFunctions.Local;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Tests.Support;

/// <summary>
/// The server under test on the real embedded store (in a temporary directory) and the real hashing embedder, with a
/// fake clock. One engine is shared by every server variant, since a data directory admits one engine at a time.
/// </summary>
public sealed partial class MemoryServerFixture : IDisposable
{
    private readonly WebApplicationFactory<Program> _root = new();
    private readonly List<WebApplicationFactory<Program>> _variants = [];

    public MemoryServerFixture()
    {
        Engine = LocalStorageEngine.Open(new LocalStoreOptions { DataDirectory = DataDirectory });
        Store = new LocalMemoryStore(Engine);
        Operations = new LocalOperationStore(Engine);
        Factory = CreateFactory();
    }

    public FakeTimeProvider Clock { get; } = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "memory-server-tests-" + Guid.NewGuid().ToString("N"));

    public LocalStorageEngine Engine { get; private set; } = null!;

    public LocalMemoryStore Store { get; private set; } = null!;

    public LocalOperationStore Operations { get; private set; } = null!;

    public HashingEmbedder Embedder { get; } = new(Options.Create(new HashingEmbedderOptions()));

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient CreateClient() => Factory.CreateClient();

    /// <summary>
    /// A server sharing this fixture's store, with extra settings (e.g. API keys or a smaller body limit) and optional
    /// service replacements applied after the fixture's own.
    /// </summary>
    public WebApplicationFactory<Program> CreateFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var factory = _root.WithWebHostBuilder(builder =>
        {
            // App configuration added last wins over appsettings.json, unlike UseSetting's host settings.
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));

            builder.ConfigureTestServices(services =>
            {
                ConfigureStorage(services);
                replace?.Invoke(services);
            });
        });
        _variants.Add(factory);
        return factory;
    }

    /// <summary>
    /// A server like <see cref="CreateFactory"/>'s on real Kestrel, started, listening on a free loopback port. The port is
    /// set as configuration: <c>UseKestrel(0)</c> on a <c>WithWebHostBuilder</c> copy is ignored (the root factory builds
    /// the host and applies its own, unset port), so appsettings.json's <c>Urls</c> (7071, a developer's running server)
    /// would win.
    /// </summary>
    public WebApplicationFactory<Program> StartKestrel(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        // Port 0: the OS picks a free port when Kestrel binds, and Kestrel reports it in the server's addresses.
        var withFreePort = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Urls"] = "http://127.0.0.1:0" };
        var factory = CreateFactory(withFreePort, replace);
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    public void Dispose()
    {
        foreach (var factory in _variants)
        {
            factory.Dispose();
        }

        _root.Dispose();
        Engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>Registers the shared engine's stores ahead of the host's own registrations, which use TryAdd.</summary>
    private void ConfigureStorage(IServiceCollection services)
    {
        // Instances, not factories: the container does not dispose them, so one engine outlives every server variant.
        services.AddSingleton(Engine);
        services.AddSingleton(Store);
        services.AddSingleton(Operations);
        services.AddSingleton<IMemoryStore>(Store);

        // Timed as the server composes it: the search's Server-Timing header reads the store's time from the decorator.
        services.AddMemoryStoreTelemetry();
        services.AddSingleton<IOperationStore>(Operations);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(Embedder);
        services.AddSingleton<TimeProvider>(Clock);
    }
}
