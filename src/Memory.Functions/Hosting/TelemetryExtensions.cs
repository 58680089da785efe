using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using MemoryFunctions.Core.Diagnostics;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MemoryFunctions.Functions.Hosting;

/// <summary>
/// OpenTelemetry rather than the Application Insights SDK: it is the current guidance for the isolated worker, the
/// local server already speaks it, and Core's ActivitySource and Meter flow to Azure Monitor without adapters.
/// host.json sets <c>"telemetryMode": "OpenTelemetry"</c> so the host does not report the same invocations twice.
/// </summary>
internal static class TelemetryExtensions
{
    private const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    private const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static FunctionsApplicationBuilder AddMemoryTelemetry(this FunctionsApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddHttpClientInstrumentation().AddSource(MemoryTelemetry.Name))
            .WithMetrics(metrics => metrics.AddHttpClientInstrumentation().AddMeter(MemoryTelemetry.Name));

        // Locally (func start without a connection string) nothing is exported; the console logs are enough there.
        if (!string.IsNullOrEmpty(builder.Configuration[ConnectionStringSetting]))
        {
            // The deployment is keyless: Application Insights accepts Entra ID tokens only, as the host's own setting says.
            var entraOnly = builder.Configuration[AuthenticationStringSetting]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) ?? false;
            telemetry.UseAzureMonitorExporter(options =>
            {
                if (entraOnly)
                {
                    options.Credential = new DefaultAzureCredential();
                }
            });
        }

        return builder;
    }
}
