using MemoryFunctions.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Hosting;

/// <summary>The server-only wiring, kept out of Program.cs: start-up report, Kestrel limits, key redaction and telemetry.</summary>
public static class ServerBuilderExtensions
{
    public static WebApplicationBuilder AddMemoryServerDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Its "ready" line is written once every hosted service, Kestrel included, has started.
        builder.Services.AddHostedService<StartupReporter>();

        // Kestrel refuses oversized bodies before they are buffered; JsonBody enforces the same limit for other hosts.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<MemoryHttpOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);

        // Keys sent as ?code= must never reach a log: take them out of the URL before hosting logs the request line.
        builder.Services.Replace(ServiceDescriptor.Singleton<IHttpContextFactory, ApiKeyRedactingHttpContextFactory>());

        builder.Services.AddMemoryTelemetry(builder.Configuration);
        return builder;
    }
}
