using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local.Diagnostics;

/// <summary>The store's search indexes (vector and, built after start-up, lexical): event ids 2050–2069.</summary>
internal static partial class Log
{
    [LoggerMessage(2050, LogLevel.Information, "Approximate vector index built for a partition of {Vectors} vectors in {ElapsedMs} ms; searches there no longer scan every vector")]
    public static partial void ApproximateIndexBuilt(ILogger logger, int vectors, long elapsedMs);

    [LoggerMessage(2051, LogLevel.Error, "Building an approximate vector index failed; that partition keeps exact search")]
    public static partial void ApproximateIndexBuildFailed(ILogger logger, Exception exception);

    [LoggerMessage(2052, LogLevel.Information, "Lexical indexes built for {Partitions} partitions loaded at start-up in {ElapsedMs} ms (searches there waited for theirs meanwhile)")]
    public static partial void LexicalIndexesBuilt(ILogger logger, int partitions, long elapsedMs);

    [LoggerMessage(2053, LogLevel.Error, "Building a partition's lexical index after start-up failed; the next search of that partition builds it again")]
    public static partial void LexicalIndexBuildFailed(ILogger logger, Exception exception);
}
