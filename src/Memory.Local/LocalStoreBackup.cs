using System.Text.Json;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local;

/// <summary>
/// Online backup and restore of the embedded store. A backup is a data directory of its own (one snapshot, its keys, the
/// embedding model's record) plus <c>backup.json</c>; restore copies it into a fresh data directory and re-applies the
/// erasures it is told about.
/// </summary>
/// <remarks>
/// <para>
/// <b>Why a file copy, not a route.</b> The store is built to survive a crash at any instant, so a copy of its files made in
/// the right order is as good as the files after a crash at the moment the copy began, and needs nothing from the running
/// server (no pause of its writer, no admin route, and it works on a stopped one too): the snapshot first (held open, so a
/// compaction's rename cannot swap it underneath), then the log it names up to its current end (appends only, so
/// that is a prefix; a half-written last frame is cut off as after a crash), then <c>keys.bin</c> (keys are made durable
/// before any record sealed with them reaches the log, so every copied record finds its key). If a compaction removed the
/// log between the first two steps, the copy starts again. The copy is then opened as a store, which checks every checksum
/// and decrypts every record, and compacted into one snapshot: a backup that was written is one that opens.
/// </para>
/// <para>
/// <b>Erasure.</b> A backup holds its own copy of the keys, so erasing a user after it was taken cannot shred that copy.
/// Restore therefore asks where the erasures made since are recorded (<c>erasuresFrom</c>: the data directory the backup
/// replaces, read without its keys, since erase entries are not sealed) and erases again, in the restored store, every
/// user erased there that the backup does not know as erased; the restored store's files then hold nothing readable of
/// them. Without that directory the caller must say so explicitly (<see cref="RestoreAsync"/>), and those users come back.
/// The backup files themselves still hold them until the backup is deleted: keep backups no longer than the erasure
/// promise allows.
/// </para>
/// </remarks>
public static class LocalStoreBackup
{
    /// <summary>The file that marks a directory as a backup and says what it holds.</summary>
    public const string ManifestFileName = "backup.json";

    private const int ManifestFormatVersion = 1;
    private const int CopyAttempts = 20;
    private const string KeysFileName = PartitionKeyring.FileName;

    /// <summary>
    /// Backs up the store in <paramref name="dataDirectory"/> (a server may be running on it) into
    /// <paramref name="backupDirectory"/>, which must not exist or be empty. Returns what the backup holds.
    /// </summary>
    public static async Task<LocalStoreBackupManifest> TakeAsync(string dataDirectory, string backupDirectory, AuditOptions audit, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var source = Path.GetFullPath(dataDirectory);
        var target = RequireFresh(backupDirectory, "backup directory");
        if (!File.Exists(Path.Combine(source, KeysFileName)))
        {
            throw new DirectoryNotFoundException($"'{source}' holds no embedded store ({KeysFileName} is missing): nothing to back up.");
        }

        var clock = timeProvider ?? TimeProvider.System;
        var partial = target + ".partial";
        DeleteDirectory(partial);
        Directory.CreateDirectory(partial);
        try
        {
            CopyConsistently(source, partial, cancellationToken);
            var (sequence, memories) = await VerifyAndCompactAsync(partial, audit, clock, erasures: null, cancellationToken);
            var manifest = new LocalStoreBackupManifest(ManifestFormatVersion, EntryCodec.FormatVersion, sequence, memories, clock.GetUtcNow(), source);
            WriteManifest(partial, manifest);
            DeleteDirectory(target);
            Directory.Move(partial, target);
            DirectorySync.Flush(Path.GetDirectoryName(target)!);
            return manifest;
        }
        catch
        {
            DeleteDirectory(partial);
            throw;
        }
    }

    /// <summary>
    /// Restores <paramref name="backupDirectory"/> (made by <see cref="TakeAsync"/>, or a copy of a stopped server's data
    /// directory of this or an earlier format version) into <paramref name="dataDirectory"/>, which must not exist or be
    /// empty. <paramref name="erasuresFrom"/>: the data directory the backup replaces, whose erasures are applied again; null
    /// only with <paramref name="withoutLaterErasures"/> true, when that directory is lost and users erased after the
    /// backup was taken are to come back (see the remarks of <see cref="LocalStoreBackup"/>).
    /// </summary>
    public static async Task<LocalStoreRestoreReport> RestoreAsync(
        string backupDirectory, string dataDirectory, string? erasuresFrom, bool withoutLaterErasures, AuditOptions audit, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var source = Path.GetFullPath(backupDirectory);
        if (!File.Exists(Path.Combine(source, KeysFileName)))
        {
            throw new DirectoryNotFoundException($"'{source}' is not a backup of the embedded store ({KeysFileName} is missing).");
        }

        if (erasuresFrom is null && !withoutLaterErasures)
        {
            throw new ArgumentException(
                "Restoring a backup brings back every user erased after it was taken, unless their erasures are applied again. "
                + "Name the data directory the backup replaces (erasures from), or say explicitly that it is lost (without later erasures).",
                nameof(erasuresFrom));
        }

        var laterErasures = erasuresFrom is null ? [] : LocalStorageEngine.ReadEpochs(Path.GetFullPath(erasuresFrom));
        var target = RequireFresh(dataDirectory, "data directory to restore into");
        Directory.CreateDirectory(target);
        try
        {
            foreach (var file in Directory.GetFiles(source).Where(IsStoreFile))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }

            var erased = new List<MemoryPartition>();
            var (sequence, memories) = await VerifyAndCompactAsync(target, audit, timeProvider ?? TimeProvider.System, (laterErasures, erased), cancellationToken);
            DirectorySync.Flush(target);
            return new LocalStoreRestoreReport(sequence, memories, erased);
        }
        catch
        {
            DeleteDirectory(target);
            throw;
        }
    }

    /// <summary>Reads a backup's manifest; null for a plain copy of a data directory (an earlier release's backup).</summary>
    public static LocalStoreBackupManifest? ReadManifest(string backupDirectory)
    {
        var path = Path.Combine(backupDirectory, ManifestFileName);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), BackupJsonContext.Default.LocalStoreBackupManifest) : null;
    }

    /// <summary>The snapshot, then the log it names, then the keys: see the remarks of <see cref="LocalStoreBackup"/>.</summary>
    private static void CopyConsistently(string source, string target, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < CopyAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var stale in Directory.GetFiles(target))
            {
                File.Delete(stale);
            }

            var snapshotCopy = Path.Combine(target, "snapshot.bin");
            using var snapshot = OpenShared(Path.Combine(source, "snapshot.bin"));
            long generation = 0;
            if (snapshot is not null)
            {
                CopyTo(snapshot, snapshotCopy);
                generation = LocalStorageEngine.SnapshotNextGeneration(snapshotCopy)
                    ?? throw new InvalidDataException($"The snapshot in '{source}' has no header; run repair-store on it first.");
            }

            var logName = LocalStorageEngine.LogFileNameOf(generation);
            using var log = OpenShared(Path.Combine(source, logName));
            if (log is null && (snapshot is null || File.Exists(Path.Combine(source, LocalStorageEngine.LogFileNameOf(generation + 1)))))
            {
                continue; // a compaction moved on between the two opens (or the store is being created): copy again.
            }

            if (log is not null)
            {
                CopyTo(log, Path.Combine(target, logName));
            }

            using var keys = OpenShared(Path.Combine(source, KeysFileName)) ?? throw new FileNotFoundException($"{KeysFileName} vanished from '{source}'.");
            CopyTo(keys, Path.Combine(target, KeysFileName));
            var model = Path.Combine(source, EmbeddingModelFile.FileName);
            if (File.Exists(model))
            {
                File.Copy(model, Path.Combine(target, EmbeddingModelFile.FileName));
            }

            return;
        }

        throw new IOException($"The store in '{source}' compacted {CopyAttempts} times while it was being copied; try again.");
    }

    /// <summary>Opens the copy as a store (every record checked and decrypted), erases what it is told, and rewrites it as one snapshot.</summary>
    private static async Task<(long Sequence, long Memories)> VerifyAndCompactAsync(
        string directory, AuditOptions audit, TimeProvider clock, (Dictionary<MemoryPartition, long> Later, List<MemoryPartition> Erased)? erasures, CancellationToken cancellationToken)
    {
        // No approximate index: nothing here searches, and building one would only cost time.
        var options = new LocalStoreOptions { DataDirectory = directory, ApproximateIndexThreshold = 0 };
        var engine = LocalStorageEngine.Open(options, audit, clock);
        (long Sequence, long Memories) result;
        try
        {
            if (erasures is { } apply)
            {
                var store = new LocalMemoryStore(engine);
                foreach (var (partition, epoch) in apply.Later.OrderBy(pair => pair.Key.ToString(), StringComparer.Ordinal))
                {
                    // Erased there, and not by the erase the backup already holds (that one is in both with the same epoch).
                    if (epoch != engine.EpochOf(partition))
                    {
                        await store.EraseAsync(partition, cancellationToken);
                        apply.Erased.Add(partition);
                    }
                }
            }

            await engine.CompactAsync(cancellationToken);
            result = (engine.Sequence, engine.MemoryCount);
        }
        finally
        {
            await engine.DisposeAsync();
        }

        File.Delete(Path.Combine(directory, "LOCK"));
        return result;
    }

    private static bool IsStoreFile(string path) =>
        Path.GetFileName(path) is var name
        && (name is "snapshot.bin" or KeysFileName or EmbeddingModelFile.FileName || (name.StartsWith("wal-", StringComparison.Ordinal) && name.EndsWith(".log", StringComparison.Ordinal)));

    private static string RequireFresh(string directory, string what)
    {
        var full = Path.GetFullPath(directory);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new IOException($"The {what} '{full}' is not empty. Name a new or empty directory: nothing is overwritten.");
        }

        return full;
    }

    private static FileStream? OpenShared(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Copies what the file holds now (a log keeps growing: only the bytes up to the length seen at the start).</summary>
    private static void CopyTo(FileStream from, string path)
    {
        var length = from.Length;
        using var to = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var buffer = new byte[1 << 20];
        for (long copied = 0; copied < length;)
        {
            var read = from.Read(buffer, 0, (int)Math.Min(buffer.Length, length - copied));
            if (read == 0)
            {
                break;
            }

            to.Write(buffer, 0, read);
            copied += read;
        }

        to.Flush(flushToDisk: true);
    }

    private static void WriteManifest(string directory, LocalStoreBackupManifest manifest)
    {
        using var stream = new FileStream(Path.Combine(directory, ManifestFileName), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        JsonSerializer.Serialize(stream, manifest, BackupJsonContext.Default.LocalStoreBackupManifest);
        stream.Flush(flushToDisk: true);
    }

    private static void DeleteDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
