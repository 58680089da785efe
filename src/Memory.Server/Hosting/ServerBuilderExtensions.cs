using MemoryFunctions.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Hosting;

/// <summary>The server-only wiring, kept out of Program.cs: Kestrel limits and telemetry.</summary>
public static class ServerBuilderExtensions
{
    public static WebApplicationBuilder AddMemoryServerDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Kestrel refuses oversized bodies before they are buffered; JsonBody enforces the same limit for other hosts.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<MemoryHttpOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);

        builder.Services.AddMemoryTelemetry(builder.Configuration);
        return builder;
    }
}
