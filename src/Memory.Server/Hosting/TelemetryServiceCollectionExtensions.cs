using MemoryFunctions.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics built with the bare SDK (the mirror has no OpenTelemetry.Extensions.Hosting). The
/// providers are DI singletons, created at start-up by <see cref="TelemetryLifetime"/> and disposed (flushed) with the
/// container at shutdown. OTLP export is switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable only.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string ServiceName = "memory-server";

    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>ASP.NET Core's activity source and meters, plus the project's own (<see cref="MemoryTelemetry.Name"/>).</summary>
    public static IReadOnlyList<string> Sources { get; } =
        ["Microsoft.AspNetCore", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", MemoryTelemetry.Name];

    public static IServiceCollection AddMemoryTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);

        services.TryAddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(resource => resource.AddService(ServiceName))
                .AddSource([.. Sources]);
            if (otlp)
            {
                tracing.AddOtlpExporter();
            }

            return tracing.Build();
        });
        services.TryAddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder()
                .ConfigureResource(resource => resource.AddService(ServiceName))
                .AddMeter([.. Sources]);
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }

            return metrics.Build();
        });
        services.AddSingleton(new TelemetrySettings(otlp));
        services.AddHostedService<TelemetryLifetime>();
        return services;
    }
}
