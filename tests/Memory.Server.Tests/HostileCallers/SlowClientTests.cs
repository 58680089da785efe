using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MemoryFunctions.Server.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Tests.HostileCallers;

/// <summary>
/// Issue 25, symptom 12 (slow clients): Kestrel's limits from appsettings.json (<c>Kestrel:Limits</c>) cut a client that
/// never finishes its headers, and cap the connections one server holds. Short limits here keep the test quick.
/// </summary>
[Collection(MemoryServerDefinition.Name)]
public sealed class SlowClientTests(MemoryServerFixture fixture)
{
    [Fact]
    public async Task HeadersNeverFinished_ConnectionClosedAfterTheHeaderTimeout()
    {
        using var factory = fixture.StartKestrel(new Dictionary<string, string?> { ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:01" });
        using var client = factory.CreateClient();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /api/health HTTP/1.1\r\nHost: {client.BaseAddress.Authority}\r\nX-Slow: "));
        var waited = Stopwatch.StartNew();

        var buffer = new byte[4096];
        var read = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer.AsMemory(read)).AsTask().WaitAsync(TimeSpan.FromSeconds(30))) > 0)
        {
            read += n;
        }

        // Kestrel answers 408 (or just closes) once the timeout passes; its heartbeat checks once a second.
        Assert.True(read == 0 || Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.1 408", StringComparison.Ordinal), Encoding.ASCII.GetString(buffer, 0, read));
        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(25));
    }

    /// <summary>
    /// Slow loris: clients that keep their connections busy by trickling a header byte every 200 ms (never idle, never
    /// done) are cut by the header timeout, which counts from the request's start, not from the last byte; meanwhile an
    /// honest request is answered.
    /// </summary>
    [Fact]
    public async Task HeadersTrickledByteByByte_EveryConnectionCutAfterTheHeaderTimeout_OthersServedMeanwhile()
    {
        using var factory = fixture.StartKestrel(new Dictionary<string, string?> { ["Kestrel:Limits:RequestHeadersTimeout"] = "00:00:01" });
        using var client = factory.CreateClient();
        var waited = Stopwatch.StartNew();

        var lorises = Enumerable.Range(0, 20).Select(_ => TrickleUntilCutAsync(client.BaseAddress!)).ToList();
        using var honest = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        var bytesSent = await Task.WhenAll(lorises).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(System.Net.HttpStatusCode.OK, honest.StatusCode);
        // Each trickled for a while (so it was cut while active, not for idling) and none outlived the bound.
        Assert.All(bytesSent, sent => Assert.InRange(sent, 2, 200));
        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(45));
    }

    /// <summary>Trickles a never-ending header until the server closes the connection; returns the bytes sent.</summary>
    private static async Task<int> TrickleUntilCutAsync(Uri server)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /api/health HTTP/1.1\r\nHost: {server.Authority}\r\nX-Slow: "));
        var closed = stream.ReadAsync(new byte[4096]).AsTask();
        var sent = 0;
        while (!closed.IsCompleted && sent < 200)
        {
            try
            {
                await stream.WriteAsync("a"u8.ToArray());
                sent++;
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(closed, Task.Delay(200));
        }

        // Kestrel answers 408 or closes; either way the read ends (a reset is an IOException).
        await closed.ContinueWith(_ => { }, TaskScheduler.Default);
        return sent;
    }

    [Fact]
    public void ShippedDefaults_ReachKestrel()
    {
        var limits = fixture.Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(1000, limits.MaxConcurrentConnections);
        Assert.Equal(100, limits.MaxConcurrentUpgradedConnections);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), limits.KeepAliveTimeout);
    }
}
