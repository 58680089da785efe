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
    /// A failed compaction (a full disk, typically) removes its temporary file and leaves the old snapshot and log in
    /// charge, so the store goes on; records of erased partitions, unreadable since their key was destroyed, are dropped
    /// here. Bytes the file system freed may persist on the device until overwritten; encrypt the volume if that matters.
    /// </remarks>
    private void Compact(string reason)
    {
        var started = Stopwatch.GetTimestamp();
        var nextGeneration = _generation + 1;
        var tempPath = Path.Combine(DataDirectory, SnapshotTempFileName);
        long snapshotBytes;
        var purged = PurgeExpired();
        try
        {
            snapshotBytes = WriteSnapshot(tempPath, nextGeneration);

            // Records of a partition first seen in an upgraded (version 1) store got their key just now.
            _keyring.Commit();
            _files.Move(tempPath, Path.Combine(DataDirectory, SnapshotFileName));
        }
        catch
        {
            DeleteIfExists(tempPath);
            throw;
        }

        SyncDirectory();
        var oldLogPath = Path.Combine(DataDirectory, LogFileName(_generation));
        var newLog = OpenLog(Path.Combine(DataDirectory, LogFileName(nextGeneration)));
        _log.Dispose();
        _log = newLog;
        _generation = nextGeneration;
        _logBytes = newLog.Length;
        _logRecords = 0;
        File.Delete(oldLogPath);
        SyncDirectory();
        Log.Compacted(_logger, reason, snapshotBytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, _generation, purged);
    }

    /// <summary>
    /// Retention reaches the files: memories past their <c>expiresAt</c> (turns and session summaries under a turn TTL)
    /// and their history leave memory here, so the snapshot written next holds none of them, and the log that did is
    /// deleted once that snapshot is published. Reads left them out already; until this runs, their ciphertext stays in
    /// the files. A failed compaction keeps the old files, where they are still expired on the next start.
    /// </summary>
    private int PurgeExpired()
    {
        var now = _audit.Clock.GetUtcNow();
        var purged = 0;
        foreach (var index in _partitions.Values)
        {
            var expired = index.PurgeExpired(now);
            expired.ForEach(memory => CountDimensions(memory, null));
            purged += expired.Count;
        }

        return purged;
    }

    private long WriteSnapshot(string tempPath, long nextGeneration)
    {
        using var file = _files.Open(tempPath, FileMode.Create, FileAccess.Write, FileShare.None);
        var buffer = new FrameBuffer(2 * SnapshotFlushBytes);
        long count = 0;
        EntryCodec.Write(buffer, new FileHeaderEntry(EntryCodec.FormatVersion), _keyring);
        EntryCodec.Write(buffer, new SnapshotHeaderEntry(_sequence, nextGeneration), _keyring);
        foreach (var entry in SnapshotEntries())
        {
            EntryCodec.Write(buffer, entry, _keyring);
            count++;
            if (buffer.Length >= SnapshotFlushBytes)
            {
                _files.Write(file, buffer.Written);
                buffer.Reset();
            }
        }

        EntryCodec.Write(buffer, new SnapshotFooterEntry(_sequence, count), _keyring);
        _files.Write(file, buffer.Written);
        _files.Sync(file);
        return file.Length;
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

        // Records past retention leave the files here; the rest outlive every erase (they are not under a partition's key).
        foreach (var record in _audit.Retained())
        {
            yield return new AuditPutEntry(0, record);
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
    /// refuse to start rather than silently lose a user's memories. Sealed records load on several threads
    /// (<see cref="SnapshotLoader"/>); the log that follows is replayed in order on this one.
    /// </summary>
    private void LoadSnapshot(string path)
    {
        using var reader = new FrameFileReader(path, _keyring);
        if (!reader.TryRead(out var first) || (first is FileHeaderEntry && !reader.TryRead(out first)) || first is not SnapshotHeaderEntry header)
        {
            throw Damaged(path, reader.StopReason ?? "no header");
        }

        using var loader = new SnapshotLoader(SnapshotLoader.DefaultWorkers, _keyring, reader.FormatVersion, entry => Apply(entry, replay: true));
        long count = 0;
        try
        {
            while (reader.TryReadPayload(out var payload))
            {
                if (EntryCodec.SealingKey(payload, reader.FormatVersion) is { } key)
                {
                    loader.Post(key, payload);
                    count++;
                    continue;
                }

                var entry = EntryCodec.Read(payload, _keyring, reader.FormatVersion);
                if (entry is SnapshotFooterEntry footer)
                {
                    loader.Complete();
                    if (footer.EntryCount != count || reader.ValidLength != reader.FileLength)
                    {
                        throw Damaged(path, "entry count or length does not match the footer");
                    }

                    _readOlderFormat |= reader.FormatVersion < EntryCodec.FormatVersion;
                    _sequence = header.Sequence;
                    _generation = header.NextGeneration;
                    return;
                }

                Apply(entry, replay: true);
                count++;
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw Damaged(path, "undecodable entry: " + exception.GetType().Name);
        }

        throw Damaged(path, reader.StopReason ?? "no footer");
    }

    private static LocalStoreDamagedException Damaged(string path, string reason) => LocalStoreDamagedException.InSnapshot(path, reason);
}
