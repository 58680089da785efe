using System.Diagnostics;
using MemoryFunctions.Local.Diagnostics;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local;

public sealed partial class LocalStorageEngine
{
    private const int SnapshotFlushBytes = 1024 * 1024;

    /// <summary>
    /// Folds the state into a new snapshot and starts an empty log. Runs on the log loop, so the state cannot change
    /// underneath it (writers queue meanwhile; readers go on). Order matters for crash safety: the snapshot is complete
    /// and fsynced under a temporary name before the rename publishes it, and the old log is deleted only after the
    /// rename is durable, so at every instant either the old snapshot + old log or the new snapshot is on disk.
    /// </summary>
    /// <remarks>
    /// Erasure relies on this: <c>EraseAsync</c> waits for a compaction, after which the erased user's records exist
    /// in no file of the data directory (the old snapshot is replaced and the old log deleted). Bytes the file system
    /// freed may persist on the device until overwritten; encrypt the volume if that matters.
    /// </remarks>
    private void Compact(string reason)
    {
        var started = Stopwatch.GetTimestamp();
        var nextGeneration = _generation + 1;
        var tempPath = Path.Combine(DataDirectory, SnapshotTempFileName);
        long snapshotBytes;
        using (var file = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            var buffer = new FrameBuffer(2 * SnapshotFlushBytes);
            long count = 0;
            EntryCodec.Write(buffer, new SnapshotHeaderEntry(_sequence, nextGeneration));
            foreach (var entry in SnapshotEntries())
            {
                EntryCodec.Write(buffer, entry);
                count++;
                if (buffer.Length >= SnapshotFlushBytes)
                {
                    file.Write(buffer.Written);
                    buffer.Reset();
                }
            }

            EntryCodec.Write(buffer, new SnapshotFooterEntry(_sequence, count));
            file.Write(buffer.Written);
            file.Flush(flushToDisk: true);
            snapshotBytes = file.Length;
        }

        File.Move(tempPath, Path.Combine(DataDirectory, SnapshotFileName), overwrite: true);
        SyncDirectory();

        var oldLogPath = Path.Combine(DataDirectory, LogFileName(_generation));
        var newLog = OpenLog(Path.Combine(DataDirectory, LogFileName(nextGeneration)));
        SyncDirectory();
        _log.Dispose();
        _log = newLog;
        _generation = nextGeneration;
        _logBytes = 0;
        _logRecords = 0;
        File.Delete(oldLogPath);
        SyncDirectory();
        Log.Compacted(_logger, reason, snapshotBytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, _generation);
    }

    private IEnumerable<LogEntry> SnapshotEntries()
    {
        // First, so a partition's epoch is known before anything of it loads; an erased partition's data is gone, its epoch is not.
        foreach (var (partition, epoch) in _epochs)
        {
            yield return new PartitionEraseEntry(epoch, partition, EraseScope.None);
        }

        foreach (var operation in Operations(null))
        {
            yield return new OperationPutEntry(0, operation);
        }

        foreach (var index in _partitions.Values)
        {
            foreach (var memory in index.SnapshotMemories())
            {
                yield return new MemoryPutEntry(0, memory, null);
            }

            foreach (var history in index.SnapshotHistory())
            {
                yield return new HistoryEntry(0, history);
            }
        }
    }

    /// <summary>
    /// A snapshot is published only complete and fsynced, so unlike the log tail any damage here is real corruption:
    /// refuse to start rather than silently lose a user's memories.
    /// </summary>
    private void LoadSnapshot(string path)
    {
        using var reader = new FrameFileReader(path);
        if (!reader.TryRead(out var first) || first is not SnapshotHeaderEntry header)
        {
            throw Damaged(path, reader.StopReason ?? "no header");
        }

        long count = 0;
        while (reader.TryRead(out var entry))
        {
            if (entry is SnapshotFooterEntry footer)
            {
                if (footer.EntryCount != count || reader.ValidLength != reader.FileLength)
                {
                    throw Damaged(path, "entry count or length does not match the footer");
                }

                _sequence = header.Sequence;
                _generation = header.NextGeneration;
                return;
            }

            Apply(entry!, replay: true);
            count++;
        }

        throw Damaged(path, reader.StopReason ?? "no footer");
    }

    private static InvalidDataException Damaged(string path, string reason) =>
        new($"The local store snapshot {path} is damaged ({reason}). Restore the data directory from a backup, or point Memory:Local:DataDirectory at a new directory to start empty.");
}
