using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>
/// The real server (embedded store, in-process runner, hashing embedder, system clock) over its own temporary data
/// directory, which a restart keeps: <see cref="RestartAsync"/> stops the host (the engine closes, running operations
/// are cancelled and stay in the store) and starts a new one that recovers the directory and resumes them. A start that
/// fails is reported by the call that made it, and the next use starts again, so one failure does not poison later runs.
/// </summary>
public sealed class RestartableServer(IReadOnlyDictionary<string, string?>? settings = null) : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings = new(settings ?? new Dictionary<string, string?>());
    private (WebApplicationFactory<Program> Root, WebApplicationFactory<Program> Factory, HttpClient Client)? _running;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("memory-server-props-").FullName;

    public HttpClient Client => Running.Client;

    public IServiceProvider Services => Running.Factory.Services;

    private (WebApplicationFactory<Program> Root, WebApplicationFactory<Program> Factory, HttpClient Client) Running => _running ??= Start();

    public async Task RestartAsync()
    {
        await StopAsync();
        _running = Start();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup; no result depends on it.
        }
    }

    private async Task StopAsync()
    {
        if (_running is not var (root, factory, client))
        {
            return;
        }

        _running = null;
        client.Dispose();
        await factory.DisposeAsync();
        await root.DisposeAsync();
    }

    private (WebApplicationFactory<Program>, WebApplicationFactory<Program>, HttpClient) Start()
    {
        _settings["Memory:Local:DataDirectory"] = DataDirectory;
        _settings["Memory:Embeddings:Provider"] = "Hashing";
        // The provider above is read before these settings apply (Program.cs reads it from the builder), so the server runs
        // the MiniLM model, which now loads in the background: a check right after a restart waits for it instead of a 503.
        _settings["Memory:Embeddings:MiniLM:ModelLoadWaitSeconds"] = "300";
        var root = new WebApplicationFactory<Program>();
        var factory = root.WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings)));
        try
        {
            // Starts the host now, so a start-up failure (e.g. recovery) surfaces at the restart that caused it.
            return (root, factory, factory.CreateClient());
        }
        catch
        {
            factory.Dispose();
            root.Dispose();
            throw;
        }
    }
}
