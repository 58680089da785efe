using Microsoft.Extensions.Logging;

namespace MemoryFunctions.OpenAI;

/// <summary>Memory.OpenAI log messages: event ids 6000–6999. Prompts and memory text are never logged here.</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Information, "Model {Purpose}: {Model} via {Provider} at {Endpoint}, {AuthMode} authentication")]
    public static partial void ModelConfigured(ILogger logger, string purpose, string model, string provider, string endpoint, OpenAIAuthMode authMode);

    [LoggerMessage(6003, LogLevel.Warning, "Model call {Operation} to {Model} failed (status {Status}, transient {IsTransient}): {Reason}")]
    public static partial void ModelCallFailed(ILogger logger, string operation, string model, int? status, bool isTransient, string reason);
}
