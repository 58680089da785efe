using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MemoryFunctions.Server.Hosting;

namespace MemoryFunctions.Server.Tests.Properties;

/// <summary>
/// The real server (embedded store, in-process runner, hashing embedder, system clock) over its own temporary data
/// directory, which a restart keeps: <see cref="RestartAsync"/> stops the host (the engine closes, running operations
/// are cancelled and stay in the store) and starts a new one that recovers the directory and resumes them. A start that
/// fails is reported by the call that made it, and the next use starts again, so one failure does not poison later runs.
/// </summary>
/// <param name="services">Replaces the server's services after its own registrations, on every start (e.g. a clock).</param>
public sealed class RestartableServer(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings = new(settings ?? new Dictionary<string, string?>());
    private (WebApplicationFactory<Program> Root, WebApplicationFactory<Program> Factory, HttpClient Client)? _running;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("memory-server-props-").FullName;

    public HttpClient Client => Running.Client;

    public IServiceProvider Services => Running.Factory.Services;

    private (WebApplicationFactory<Program> Root, WebApplicationFactory<Program> Factory, HttpClient Client) Running => _running ??= Start();

    /// <param name="changes">Settings changed from this start on (e.g. a shorter retry delay once the moment has passed).</param>
    public async Task RestartAsync(IReadOnlyDictionary<string, string?>? changes = null)
    {
        await StopAsync();
        foreach (var (name, value) in changes ?? new Dictionary<string, string?>())
        {
            _settings[name] = value;
        }

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
        var root = new WebApplicationFactory<Program>();
        var factory = root.WithWebHostBuilder(builder =>
        {
            // A host setting, so Program.cs sees it when it chooses the embedder (app configuration applies only later).
            builder.UseSetting(MemoryBackendExtensions.EmbedderSetting, "Hashing");
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
            builder.ConfigureTestServices(replacements => services?.Invoke(replacements));
        });
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
