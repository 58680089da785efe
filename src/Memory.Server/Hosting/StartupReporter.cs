using System.Diagnostics;
using MemoryFunctions.Core.Embeddings;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Local;
using MemoryFunctions.Server.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// What a person starting the server sees: a first line as soon as the app is built (which store, where, which embedder and
/// that the model takes a few seconds to load), the store's own "opened with N memories" line and the model check while
/// the host starts, a line once Kestrel listens, with the URLs to open and whether anyone may call, and one when a model
/// that loads in the background (<see cref="LoadingEmbeddingGenerator"/>) is ready: the server serves before that.
/// </summary>
internal sealed class StartupReporter(IServer server, CallerAuthenticator authenticator, IServiceProvider services, ILogger<StartupReporter> logger) : IHostedLifecycleService
{
    /// <summary>When the process started: a static field would only start counting when the type is first used (after start-up).</summary>
    private static readonly DateTime ProcessStarted = StartTimeOfThisProcess();

    /// <summary>Logged from Program.cs right after the app is built, before the host opens the store or loads a model.</summary>
    public static void Announce(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configuration = app.Configuration;
        var store = configuration[MemoryBackendExtensions.StoreSetting] ?? "Local";
        var location = string.Equals(store, "Cosmos", StringComparison.OrdinalIgnoreCase)
            ? configuration["Memory:Cosmos:AccountEndpoint"] ?? "no Memory:Cosmos:AccountEndpoint"
            : Path.GetFullPath(app.Services.GetRequiredService<IOptions<LocalStoreOptions>>().Value.DataDirectory);
        var openAIEmbeddings = configuration["Memory:OpenAI:EmbeddingModel"];
        var embedder = openAIEmbeddings ?? configuration[MemoryBackendExtensions.EmbedderSetting] ?? "MiniLM";
        var modelNote = openAIEmbeddings is null && string.Equals(embedder, "MiniLM", StringComparison.OrdinalIgnoreCase)
            ? " (all-MiniLM-L6-v2, loading in the background: requests that need it wait for it up to Memory:Embeddings:MiniLM:ModelLoadWaitSeconds, then get 503 + Retry-After)"
            : string.Empty;
        Log.Starting(app.Logger, store, location, embedder, modelNote, configuration["Urls"] ?? "http://localhost:5000");
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? "(no address)";
        var api = address + MemoryHttpEndpoints.RoutePrefix;
        var mode = authenticator.IsConfigured
            ? "ON: callers need a scoped key or an Entra ID token"
            : "OFF: open to anyone who can reach this address (fine on loopback; see docs/security.md)";
        Log.Ready(logger, SinceProcessStart(), api, api + "/health", address + "/openapi/v1.json", mode);
        if (services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is LoadingEmbeddingGenerator loading)
        {
            // Only now: the store is open and Kestrel listens, so the model's load takes no CPU from getting healthy.
            loading.BeginLoading();
            _ = ReportModelAsync(loading);
        }

        return Task.CompletedTask;
    }

    private async Task ReportModelAsync(LoadingEmbeddingGenerator loading)
    {
        var model = loading.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "(unnamed)";
        try
        {
            await loading.Loaded;
            Log.ModelLoaded(logger, model, SinceProcessStart());
        }
        catch (Exception exception)
        {
            Log.ModelFailed(logger, exception, model);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static long SinceProcessStart() => (long)(DateTime.UtcNow - ProcessStarted).TotalMilliseconds;

    private static DateTime StartTimeOfThisProcess()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
