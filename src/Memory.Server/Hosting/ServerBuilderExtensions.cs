using MemoryFunctions.Http;
using MemoryFunctions.Http.Quotas;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Server.Hosting;

/// <summary>The server-only wiring, kept out of Program.cs: start-up report, Kestrel limits, key redaction and telemetry.</summary>
public static class ServerBuilderExtensions
{
    /// <summary>ASP.NET Core's host filtering setting (<c>;</c>-separated host names, <c>*</c> for any).</summary>
    public const string AllowedHostsSetting = "AllowedHosts";

    /// <summary>Kestrel's limits against slow and numerous clients (<c>KestrelServerLimits</c> property names).</summary>
    public const string KestrelLimitsSection = "Kestrel:Limits";

    /// <summary>The host names an open server answers to when <see cref="AllowedHostsSetting"/> is not set.</summary>
    public static IReadOnlyList<string> LoopbackHostNames { get; } = ["localhost", "127.0.0.1", "[::1]"];

    public static WebApplicationBuilder AddMemoryServerDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Its "ready" line is written once every hosted service, Kestrel included, has started.
        builder.Services.AddHostedService<StartupReporter>();

        // Kestrel refuses oversized bodies before they are buffered; JsonBody enforces the same limit for other hosts.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<MemoryHttpOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);

        // Slow clients (docs/security.md, threat model 12): Kestrel:Limits in appsettings.json. The web host's Kestrel section
        // configures endpoints and certificates only, so the limits are bound here.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IConfiguration>((kestrel, configuration) => configuration.GetSection(KestrelLimitsSection).Bind(kestrel.Limits));

        // DNS rebinding (docs/security.md, threat model): a web page whose host name an attacker points at 127.0.0.1 reaches
        // a server that listens on loopback. Open (no credentials), the server answers loopback host names only, unless
        // AllowedHosts is set (a reverse proxy's names, or "*"); a foreign Origin is refused in every mode.
        builder.Services.AddOptions<HostFilteringOptions>().Configure<IOptions<MemoryAuthOptions>>((hosts, auth) =>
        {
            if (builder.Configuration[AllowedHostsSetting] is null && !auth.Value.IsConfigured)
            {
                hosts.AllowedHosts = [.. LoopbackHostNames];
            }
        });
        builder.Services.AddTransient<IStartupFilter, ForeignOriginStartupFilter>();

        // Unbounded tenants (docs/security.md, threat model 12): a users quota per tenant unless Memory:Quotas sets one.
        TenantQuotaDefaults.Server.ApplyTo(builder.Services);

        // Keys sent as ?code= must never reach a log: take them out of the URL before hosting logs the request line.
        builder.Services.Replace(ServiceDescriptor.Singleton<IHttpContextFactory, ApiKeyRedactingHttpContextFactory>());

        builder.Services.AddMemoryTelemetry(builder.Configuration);
        return builder;
    }
}
