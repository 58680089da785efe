using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Server.Diagnostics;

/// <summary>Memory.Server log messages: event ids 4000–4999. Never bodies, memory text, queries or keys.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Starting MemoryFunctions: store {Store} ({Location}), embeddings {Embedder}{ModelNote}, listening on {Urls} when ready")]
    public static partial void Starting(ILogger logger, string store, string location, string embedder, string modelNote, string urls);

    [LoggerMessage(4001, LogLevel.Information, "Ready in {ElapsedMs} ms: API {ApiUrl} (health {HealthUrl}, OpenAPI {OpenApiUrl}); authentication {AuthMode}")]
    public static partial void Ready(ILogger logger, long elapsedMs, string apiUrl, string healthUrl, string openApiUrl, string authMode);

    /// <summary>One line per request: what was asked (route template, not the path with its ids), how it ended, for whom.</summary>
    [LoggerMessage(EventId = 4002, Message = "{Method} {Route} -> {Status} in {ElapsedMs:F1} ms (tenant {Tenant}, credential {Credential})")]
    public static partial void Request(ILogger logger, LogLevel level, string method, string route, int status, double elapsedMs, string tenant, string credential);

    [LoggerMessage(4003, LogLevel.Warning, "MCP tool {Tool} refused the call: {Reason}")]
    public static partial void ToolRefused(ILogger logger, string tool, string reason);

    [LoggerMessage(4010, LogLevel.Information, "Embedding model {ModelId} loaded, {ElapsedMs} ms after start; searches and writes embed from now on")]
    public static partial void ModelLoaded(ILogger logger, string modelId, long elapsedMs);

    [LoggerMessage(4011, LogLevel.Critical, "Embedding model {ModelId} failed to load: every request that needs an embedding will fail until the server is restarted with a working model")]
    public static partial void ModelFailed(ILogger logger, Exception exception, string modelId);
}
