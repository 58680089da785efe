using System.Text.Json;

namespace MemoryFunctions.Functions.Tests.Hosting;

/// <summary>The host.json the app ships (copied beside the tests from the repository root, as the app's build copies it).</summary>
public sealed class HostJsonTests
{
    /// <summary>
    /// In OpenTelemetry mode the Functions host registers no Application Insights SDK (azure-functions-host's
    /// ApplicationInsightsConfigurationTests: no TelemetryClient, no TelemetryConfiguration), so
    /// <c>logging.applicationInsights</c> (sampling, live metrics filters) would be read by nothing while looking like it
    /// bounds the telemetry bill. docs/functions.md says what samples what instead.
    /// </summary>
    [Fact]
    public void TelemetryModeOpenTelemetry_HasNoApplicationInsightsSettingsThatNothingReads()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));

        Assert.Equal("OpenTelemetry", host.RootElement.GetProperty("telemetryMode").GetString());
        Assert.False(host.RootElement.GetProperty("logging").TryGetProperty("applicationInsights", out _));
    }
}
