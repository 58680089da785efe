using MemoryFunctions.Client;
using static MemoryFunctions.Server.Hosting.MemoryBackendExtensions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Testing.Client;

/// <summary>
/// The real local server (its Program, the embedded store in a temporary directory, the hashing embedder and the
/// in-process workflow runner) in memory, and MemoryClients wired to it exactly as an application would wire them,
/// resilience handler included; only the primary handler is the test server's.
/// </summary>
public sealed class InProcessMemoryServer : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "memory-client-tests-" + Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> _clients = [];

    /// <param name="services">Replaces the server's services after its own registrations (e.g. a store that deletes in the background).</param>
    public InProcessMemoryServer(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Memory:Local:DataDirectory"] = _dataDirectory,
            [EmbedderSetting] = "Hashing",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            // A host setting, so Program.cs sees it when it chooses the embedder (app configuration applies only later):
            // hashing unless the test asks for the model.
            .UseSetting(EmbedderSetting, all[EmbedderSetting])
            .ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(all))
            .ConfigureTestServices(replacements => services?.Invoke(replacements)));
    }

    public WebApplicationFactory<Program> Factory { get; }

    public Uri ApiRoot => new(Factory.Server.BaseAddress, "api/");

    public MemoryClient CreateClient(Action<MemoryClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddMemoryClient(options =>
        {
            options.BaseAddress = ApiRoot;
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(() => Factory.Server.CreateHandler());
        var provider = services.BuildServiceProvider();
        _clients.Add(provider);
        return provider.GetRequiredService<MemoryClient>();
    }

    public void Dispose()
    {
        foreach (var provider in _clients)
        {
            provider.Dispose();
        }

        Factory.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
