using MemoryFunctions.Server.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MemoryFunctions.Server.Hosting;

/// <summary>
/// Takes the providers as dependencies so they exist (and listen) from start-up instead of on first resolution; the DI
/// container owns them and disposes them, flushing pending exports, when the host stops.
/// </summary>
internal sealed class TelemetryLifetime(TracerProvider tracerProvider, MeterProvider meterProvider, TelemetrySettings settings, ILogger<TelemetryLifetime> logger)
    : IHostedService
{
    public TracerProvider TracerProvider { get; } = tracerProvider;

    public MeterProvider MeterProvider { get; } = meterProvider;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.TelemetryStarted(logger, settings.OtlpExport);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
