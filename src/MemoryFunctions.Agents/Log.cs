using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Agents;

/// <summary>MemoryFunctions.Agents log messages: event ids 8000–8099. Memory text and prompts are never logged here.</summary>
internal static partial class Log
{
    [LoggerMessage(8000, LogLevel.Warning, "Recalling memories for the turn failed; the turn goes on without them")]
    public static partial void RecallFailed(ILogger logger, Exception exception);

    [LoggerMessage(8001, LogLevel.Warning, "Submitting the turn for ingestion failed; it is not remembered")]
    public static partial void IngestFailed(ILogger logger, Exception exception);

    [LoggerMessage(8002, LogLevel.Debug, "Recalled {Count} memories ({Tokens} tokens) for the turn")]
    public static partial void Recalled(ILogger logger, int count, int tokens);
}
