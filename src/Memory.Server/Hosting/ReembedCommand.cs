using System.Globalization;
using MemoryFunctions.Core;
using MemoryFunctions.Core.Embeddings;
using MemoryFunctions.Local;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// <c>reembed</c>: re-embeds every memory of the local store with the configured embedder and re-stamps the store with it
/// (<see cref="LocalStoreReembed"/>), for a model change; resumable. Run with the server stopped (the store is opened here).
/// Reads the configuration the server would (appsettings.json, environment, <c>--Memory:Embeddings:Provider MiniLM</c>, …).
/// </summary>
internal static class ReembedCommand
{
    public const string Verb = "reembed";

    public static bool IsRequested(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var builder = WebApplication.CreateBuilder(args[1..]);
        builder.Services.AddMemoryCore();
        builder.Services.AddMemoryBackends(builder.Configuration);
        await using var services = builder.Services.BuildServiceProvider();
        if (services.GetService<LocalStorageEngine>() is not { } engine)
        {
            output.WriteLine("reembed works on the local embedded store only (Memory:Store is not Local); a Cosmos DB container is re-embedded by writing its memories again.");
            return 2;
        }

        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        if (embedder is LoadingEmbeddingGenerator loading)
        {
            await loading.Loaded;
        }

        var lastReport = DateTime.UtcNow;
        var report = await LocalStoreReembed.RunAsync(engine, embedder, progress: done =>
        {
            if (DateTime.UtcNow - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = DateTime.UtcNow;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"re-embedded {done:N0} memories so far"));
            }
        });
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Re-embedded {report.Reembedded:N0} memories with {report.Model} ({report.AlreadyDone:N0} done by an earlier run); the store in {engine.DataDirectory} is stamped with it."));
        return 0;
    }
}
