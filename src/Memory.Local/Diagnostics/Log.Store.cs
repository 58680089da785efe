using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local.Diagnostics;

/// <summary>Memory.Local log messages: event ids 2000–2999 (the store uses 2000–2099). Memory text is never logged above Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Local store opened at {DataDirectory}: {Memories} memories in {Partitions} partitions, {Operations} operations, {LogRecords} log records replayed in {ElapsedMs} ms")]
    public static partial void Recovered(ILogger logger, string dataDirectory, long memories, int partitions, long operations, long logRecords, long elapsedMs);

    [LoggerMessage(2001, LogLevel.Warning, "Log {LogFile} ends with a damaged record ({Reason}): truncated {DroppedBytes} bytes at offset {Offset}; every earlier record was kept. Expected after a crash mid-write.")]
    public static partial void TornTailTruncated(ILogger logger, string logFile, string reason, long droppedBytes, long offset);

    [LoggerMessage(2002, LogLevel.Information, "Compacted the local store ({Reason}): snapshot of {SnapshotBytes} bytes written in {ElapsedMs} ms, log generation {Generation} started, {Expired} expired memories purged")]
    public static partial void Compacted(ILogger logger, string reason, long snapshotBytes, long elapsedMs, long generation, int expired);

    [LoggerMessage(2003, LogLevel.Error, "Compaction of the local store failed; the log keeps growing and the next batch retries")]
    public static partial void CompactionFailed(ILogger logger, Exception exception);

    [LoggerMessage(2004, LogLevel.Critical, "Writing the local store's log failed; the store no longer accepts writes until the process restarts")]
    public static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(2005, LogLevel.Debug, "Could not fsync directory {DataDirectory}; renames are durable only as far as the file system guarantees")]
    public static partial void DirectorySyncFailed(ILogger logger, string dataDirectory, Exception exception);

    [LoggerMessage(2006, LogLevel.Debug, "Removed stale file {File} left by an earlier compaction")]
    public static partial void StaleFileRemoved(ILogger logger, string file);

    [LoggerMessage(2007, LogLevel.Trace, "Committed {Entries} log records from {Commands} writes in one fsync")]
    public static partial void BatchCommitted(ILogger logger, int entries, int commands);

    [LoggerMessage(2008, LogLevel.Information, "Embedding model check passed: the store's vectors are made by '{ModelId}' ({Dimensions}-d)")]
    public static partial void EmbeddingModelChecked(ILogger logger, string modelId, int dimensions);

    [LoggerMessage(2009, LogLevel.Error, "The disk of the local store at {DataDirectory} is full: writes are refused (507) until space is freed; reads go on and nothing acknowledged is lost")]
    public static partial void DiskFull(ILogger logger, string dataDirectory, Exception exception);
}
