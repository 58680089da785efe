namespace MemoryFunctions.Server.Hosting;

/// <summary>What telemetry was configured with, for the start-up log line.</summary>
public sealed record TelemetrySettings(bool OtlpExport);
