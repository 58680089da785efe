using MemoryFunctions.Testing;
using MemoryFunctions.Testing.ModelServer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Server.Tests.Support;

/// <summary>
/// The server with real model adapters (Memory.OpenAI + the LLM extractor, reconciler and summariser) pointed at a
/// scripted OpenAI-compatible server on loopback. Its own data directory: the shared fixture's engine holds hashing
/// vectors, and the store refuses an embedder of another size. One runner worker, so scripted answers are taken in order.
/// </summary>
public sealed class ModelIngestionFixture : IAsyncLifetime
{
    public const int Dimensions = 64;
    public const string ApiKey = "server-test-key";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "memory-model-tests-" + Guid.NewGuid().ToString("N"));

    public ScriptedModelServer Models { get; private set; } = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public ImmediateTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        Models = await ScriptedModelServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Memory:Local:DataDirectory"] = _dataDirectory,
            ["Memory:OpenAI:Endpoint"] = Models.V1.ToString(),
            ["Memory:OpenAI:ApiKey"] = ApiKey,
            ["Memory:OpenAI:ChatModel"] = "gpt-4o-mini",
            ["Memory:OpenAI:EmbeddingModel"] = "text-embedding-3-small",
            ["Memory:OpenAI:EmbeddingDimensions"] = Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Memory:OpenAI:MaxRetries"] = "1",
            ["Memory:Ingestion:Workers"] = "1",
        };
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            // Host settings: Program.cs reads builder.Configuration to decide which model adapters to register, before
            // the app is built, and UseSetting values are in it from the start.
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Models.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
