using System.Diagnostics;
using MemoryFunctions.Local.Diagnostics;
using MemoryFunctions.Local.Indexing;
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
        var expired = ExpiredMemories();
        try
        {
            snapshotBytes = WriteSnapshot(tempPath, nextGeneration, expired);

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
        // Only now: had the snapshot failed, memory would hold less than the files a restart reads (a re-posted turn would
        // then be written beside its expired history).
        var purged = Purge(expired);
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
    /// Retention reaches the files: memories past their <c>expiresAt</c> (kept turns and session summaries under a turn
    /// TTL, and any memory given an expiry) are left out of the snapshot with their history, and the log that held them is
    /// deleted once the snapshot is published; they leave memory then (<see cref="Purge"/>). Reads (but those <c>asOf</c>
    /// an earlier time) left them out already; until this runs, their ciphertext stays in the files.
    /// </summary>
    private Dictionary<PartitionIndex, HashSet<string>> ExpiredMemories()
    {
        var now = _clock.GetUtcNow();
        return _partitions.Values.Select(index => (index, Ids: index.ExpiredIds(now))).Where(pair => pair.Ids.Count > 0).ToDictionary(pair => pair.index, pair => pair.Ids);
    }

    private int Purge(Dictionary<PartitionIndex, HashSet<string>> expired)
    {
        var purged = 0;
        foreach (var (index, ids) in expired)
        {
            var removed = index.Purge(ids);
            removed.ForEach(memory => CountDimensions(memory, null));
            purged += removed.Count;
        }

        return purged;
    }

    private long WriteSnapshot(string tempPath, long nextGeneration, Dictionary<PartitionIndex, HashSet<string>> expired)
    {
        using var file = _files.Open(tempPath, FileMode.Create, FileAccess.Write, FileShare.None);
        var buffer = new FrameBuffer(2 * SnapshotFlushBytes);
        long count = 0;
        EntryCodec.Write(buffer, new FileHeaderEntry(EntryCodec.FormatVersion), _keyring);
        EntryCodec.Write(buffer, new SnapshotHeaderEntry(_sequence, nextGeneration), _keyring);
        foreach (var entry in SnapshotEntries(expired))
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

    private IEnumerable<LogEntry> SnapshotEntries(Dictionary<PartitionIndex, HashSet<string>> expired)
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
            var left = expired.GetValueOrDefault(index) ?? [];
            foreach (var memory in index.SnapshotMemories().Where(memory => !left.Contains(memory.Id)))
            {
                yield return new MemoryPutEntry(0, memory, null);
            }

            foreach (var history in index.SnapshotHistory().Where(history => !left.Contains(history.MemoryId)))
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
