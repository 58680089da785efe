namespace MemoryFunctions.Server.Diagnostics;

/// <summary>Memory.Server log messages: event ids 4000–4999.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "OpenTelemetry tracing and metrics started; OTLP export enabled: {OtlpExport}")]
    public static partial void TelemetryStarted(ILogger logger, bool otlpExport);
}
