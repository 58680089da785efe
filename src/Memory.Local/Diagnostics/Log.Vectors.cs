using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local.Diagnostics;

/// <summary>The store's vector indexing: event ids 2050–2069.</summary>
internal static partial class Log
{
    [LoggerMessage(2050, LogLevel.Information, "Approximate vector index built for a partition of {Vectors} vectors in {ElapsedMs} ms; searches there no longer scan every vector")]
    public static partial void ApproximateIndexBuilt(ILogger logger, int vectors, long elapsedMs);

    [LoggerMessage(2051, LogLevel.Error, "Building an approximate vector index failed; that partition keeps exact search")]
    public static partial void ApproximateIndexBuildFailed(ILogger logger, Exception exception);
}
