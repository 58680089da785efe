using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Cosmos.Gateway;

/// <summary>
/// The gateway double over loopback HTTP on a free port, for a host configured as it would be against an account
/// (<c>Memory:Cosmos:AccountEndpoint</c> = <see cref="Endpoint"/>, any base64 <c>Key</c>, <c>UseGatewayMode</c> = true).
/// Every request is forwarded to the <see cref="CosmosGateway"/> handler, which advertises this address as its region.
/// </summary>
public sealed class CosmosGatewayServer : IAsyncDisposable
{
    /// <summary>A key the gateway accepts (it does not check signatures): base64, as the SDK requires.</summary>
    public const string Key = "Z2F0ZXdheS1kb3VibGUta2V5LW5vdC1hLXNlY3JldA==";

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Connection", "Content-Length" };

    private readonly WebApplication _app;

    private CosmosGatewayServer(WebApplication app, CosmosGateway gateway)
    {
        _app = app;
        Gateway = gateway;
    }

    public CosmosGateway Gateway { get; }

    public Uri Endpoint => Gateway.Endpoint;

    public static async Task<CosmosGatewayServer> StartAsync(CosmosGateway gateway, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var invoker = new HttpMessageInvoker(gateway, disposeHandler: false);
        app.Run(context => ForwardAsync(context, gateway, invoker));
        await app.StartAsync(cancellationToken);
        gateway.Endpoint = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return new CosmosGatewayServer(app, gateway);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ForwardAsync(HttpContext context, CosmosGateway gateway, HttpMessageInvoker invoker)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(gateway.Endpoint, context.Request.Path + context.Request.QueryString))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var (name, values) in context.Request.Headers.Where(header => !HopByHop.Contains(header.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await invoker.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(header => !HopByHop.Contains(header.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
