using MemoryFunctions.Core.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// OpenTelemetry through OpenTelemetry.Extensions.Hosting: the host starts the providers with the app and flushes them at
/// shutdown. Traces and metrics of ASP.NET Core and outgoing HttpClient calls (the standard instrumentation; both redact
/// query strings, so a <c>?code=</c> key never reaches a span), plus the project's own source, which the model pipelines
/// (Microsoft.Extensions.AI's UseOpenTelemetry) also report on. OTLP export is switched on by the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable only.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ServiceName = "memory-server";

    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddMemoryTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource(MemoryTelemetry.Name))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(MemoryTelemetry.Name));
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
