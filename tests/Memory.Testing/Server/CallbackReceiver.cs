using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MemoryFunctions.Testing.Server;

/// <summary>
/// A webhook receiver on a free loopback port (real Kestrel, so the server's HttpClient goes over TCP): records every
/// delivery to <c>/hook</c> with its headers and raw body, and answers each with the next planned status (200 once the
/// plan runs out; <see cref="Hold"/> records the delivery and never answers).
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    /// <summary>A planned "status" that holds the request open until the sender goes away.</summary>
    public const int Hold = 0;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _plan;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    private CallbackReceiver(IEnumerable<int> plan)
    {
        _plan = new ConcurrentQueue<int>(plan);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            _deliveries.Enqueue(new Delivery(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            var status = _plan.TryDequeue(out var planned) ? planned : StatusCodes.Status200OK;
            if (status == Hold)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The sender went away mid-delivery (killed, stopped or timed out): what this step of the plan is for.
                }
            }

            return Results.StatusCode(status);
        });
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    public static async Task<CallbackReceiver> StartAsync(params int[] plan)
    {
        var receiver = new CallbackReceiver(plan);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits (bounded: the build machine is slow at times) until <paramref name="count"/> deliveries arrived.</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForAsync(int count)
    {
        var waited = Stopwatch.StartNew();
        while (_deliveries.Count < count && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        Assert.True(_deliveries.Count >= count, $"Expected {count} deliveries, got {_deliveries.Count}.");
        return Deliveries;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Delivery(IReadOnlyDictionary<string, string> Headers, string Body);
}
