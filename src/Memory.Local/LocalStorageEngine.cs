using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Diagnostics;
using MemoryFunctions.Local.Indexing;
using MemoryFunctions.Local.Indexing.Vectors;
using MemoryFunctions.Local.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemoryFunctions.Local;

/// <summary>
/// The embedded, file-backed engine behind <see cref="LocalMemoryStore"/> and <see cref="LocalOperationStore"/>: all
/// state in memory, every change appended to a checksummed write-ahead log and fsynced (group commit) before it is
/// acknowledged, and periodically folded into a snapshot so the log and restart time stay bounded.
/// </summary>
/// <remarks>
/// Files in <see cref="DataDirectory"/>: <c>snapshot.bin</c> (complete state up to a sequence number, replaced by
/// atomic rename), <c>wal-{generation}.log</c> (entries after it) and <c>LOCK</c> (one process per directory).
/// Recovery loads the snapshot, replays the log and cuts off a torn or corrupt tail, keeping every earlier record.
/// </remarks>
public sealed partial class LocalStorageEngine : IDisposable, IAsyncDisposable
{
    private const string SnapshotFileName = "snapshot.bin";
    private const string SnapshotTempFileName = "snapshot.tmp";
    private const string LockFileName = "LOCK";

    private readonly LocalStoreOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<MemoryPartition, PartitionIndex> _partitions = new();
    private readonly ConcurrentDictionary<MemoryPartition, ConcurrentDictionary<string, MemoryOperation>> _operations = new();
    private readonly ConcurrentDictionary<MemoryPartition, long> _epochs = new();
    private readonly Dictionary<int, long> _dimensionCounts = [];
    private readonly Lock _dimensionGate = new();
    private readonly Channel<WriteCommand> _commands = Channel.CreateUnbounded<WriteCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FileStream _lockFile;
    private readonly PartitionKeyring _keyring;
    private readonly IDataFiles _files;
    private readonly AuditTrails _audit;
    /// <summary>What memories' expiry is measured on (compaction purges the expired ones).</summary>
    private readonly TimeProvider _clock;
    private readonly ApproximateIndexBuilder _approximateIndexes;
    private FileStream _log = null!;
    private Task _writerLoop = Task.CompletedTask;
    private long _generation;
    private long _sequence;
    private long _logRecords;
    private long _logBytes;
    private bool _readOlderFormat;
    private int _disposed;

    private LocalStorageEngine(LocalStoreOptions options, ILogger logger, IDataFiles files, AuditTrails audit, TimeProvider clock)
    {
        _options = options;
        _files = files;
        _audit = audit;
        _clock = clock;
        _logger = logger;
        _approximateIndexes = new ApproximateIndexBuilder(options.ApproximateIndexThreshold, logger);
        DataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        _lockFile = new FileStream(Path.Combine(DataDirectory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            _keyring = PartitionKeyring.Open(DataDirectory, files);
        }
        catch
        {
            _lockFile.Dispose();
            throw;
        }
    }

    /// <summary>The absolute path of the data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>Length of the vectors the store holds (the most common one), or null when it holds none.</summary>
    public int? StoredVectorDimensions
    {
        get
        {
            lock (_dimensionGate)
            {
                return _dimensionCounts.Where(pair => pair.Value > 0).OrderByDescending(pair => pair.Value).Select(pair => (int?)pair.Key).FirstOrDefault();
            }
        }
    }

    /// <summary>Bytes in the current log file (what counts towards <see cref="LocalStoreOptions.CompactAfterLogBytes"/>).</summary>
    public long LogBytes => Volatile.Read(ref _logBytes);

    /// <summary>
    /// Opens (creating if needed) the store in <see cref="LocalStoreOptions.DataDirectory"/> and recovers its state.
    /// Throws <see cref="IOException"/> when another process holds the directory, <see cref="LocalStoreDamagedException"/>
    /// when the snapshot is damaged (a torn log tail is repaired, a bad snapshot is not guessed at).
    /// </summary>
    public static LocalStorageEngine Open(LocalStoreOptions options, ILogger<LocalStorageEngine>? logger = null) =>
        Open(options, new AuditOptions(), TimeProvider.System, logger);

    /// <summary>
    /// Opens the store keeping audit records as <paramref name="audit"/> says; audit retention and memories' expiry are
    /// measured on <paramref name="timeProvider"/>.
    /// </summary>
    public static LocalStorageEngine Open(LocalStoreOptions options, AuditOptions audit, TimeProvider timeProvider, ILogger<LocalStorageEngine>? logger = null) =>
        Open(options, logger, PhysicalDataFiles.Instance, new AuditTrails(audit, timeProvider), timeProvider);

    /// <summary>Opens the store on the given file system (the tests' fault-injecting one).</summary>
    internal static LocalStorageEngine Open(LocalStoreOptions options, ILogger<LocalStorageEngine>? logger, IDataFiles files, AuditTrails? audit = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = new LocalStorageEngine(options, (ILogger?)logger ?? NullLogger.Instance, files, audit ?? new AuditTrails(new AuditOptions(), TimeProvider.System), clock ?? TimeProvider.System);
        try
        {
            engine.Recover();
            engine._writerLoop = Task.Run(engine.RunWriterLoopAsync);
            engine.StartBackgroundIndexing();
            return engine;
        }
        catch
        {
            engine._log?.Dispose();
            engine._keyring.Dispose();
            engine._lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Writes a snapshot and starts a fresh log now, after the writes already queued.</summary>
    public Task CompactAsync(CancellationToken cancellationToken = default) =>
        SubmitAsync<int>((_, _) => new Decision<int>(null, 0), waitsForCompaction: true, cancellationToken);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The lock goes last and always: a writer that faulted must not leave the directory locked until the process exits.
        try
        {
            _commands.Writer.TryComplete();
            await _writerLoop;
        }
        finally
        {
            await _lexicalIndexing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _approximateIndexes.DisposeAsync();
            _log.Dispose();
            _keyring.Dispose();
            foreach (var partition in _partitions.Values)
            {
                partition.Dispose();
            }

            _lockFile.Dispose();
        }
    }

    internal PartitionIndex? FindPartition(MemoryPartition partition) => _partitions.GetValueOrDefault(partition);

    /// <summary>Completes once every approximate index due so far is built (tests and benchmarks; searches never wait for it).</summary>
    internal Task WhenVectorIndexesBuiltAsync(CancellationToken cancellationToken = default) => _approximateIndexes.WhenIdleAsync(cancellationToken);

    /// <summary>The partition's epoch: the sequence number of its last erase, 0 if it was never erased.</summary>
    internal long EpochOf(MemoryPartition partition) => _epochs.GetValueOrDefault(partition);

    internal MemoryOperation? FindOperation(MemoryPartition partition, string id) =>
        _operations.TryGetValue(partition, out var operations) ? operations.GetValueOrDefault(id) : null;

    /// <summary>The tenant's audit records within retention, newest first; see <see cref="AuditTrails"/>.</summary>
    internal IReadOnlyList<AuditRecord> AuditRecords(string tenantId, int limit) => _audit.Newest(tenantId, limit);

    /// <summary>
    /// The tenant's users (partitions holding memories or operations), memories held at <paramref name="at"/> (neither
    /// superseded nor expired: <see cref="MemoryRecord.IsHeldAt"/>) and unfinished operations. Walks every partition of the
    /// store, since partitions are not grouped by tenant, and the memories' filter columns: cheap next to a write's fsync
    /// up to some hundred thousand partitions.
    /// </summary>
    internal TenantUsage UsageOf(MemoryPartition partition, DateTimeOffset at)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        long memories = 0;
        long unfinished = 0;
        foreach (var key in TenantPartitions(partition.TenantId).Where(HoldsUser))
        {
            users.Add(key.UserId);
            memories += _partitions.TryGetValue(key, out var index) ? index.CountHeld(at) : 0;
            unfinished += _operations.TryGetValue(key, out var operations) ? operations.Values.Count(operation => !operation.IsFinished) : 0;
        }

        return new TenantUsage(users.Count, memories, unfinished, users.Contains(partition.UserId));
    }

    /// <summary>Up to <paramref name="count"/> users of the tenant (<see cref="HoldsUser"/>) after <paramref name="after"/>, in ordinal order.</summary>
    internal IReadOnlyList<string> UsersOf(string tenantId, string? after, int count) =>
        [.. TenantPartitions(tenantId)
            .Where(key => (after is null || string.CompareOrdinal(key.UserId, after) > 0) && HoldsUser(key))
            .Select(key => key.UserId)
            .Order(StringComparer.Ordinal)
            .Take(count)];

    /// <summary>
    /// Whether the partition is one of its tenant's users: it holds memories, or an operation other than an erased user's
    /// stub (cancelled), so a partition erased with nothing written since is not one.
    /// </summary>
    private bool HoldsUser(MemoryPartition partition) =>
        (_partitions.TryGetValue(partition, out var index) && index.Count > 0)
        || (_operations.TryGetValue(partition, out var operations) && operations.Values.Any(operation => operation.Status != OperationStatus.Cancelled));

    /// <summary>The tenant's partitions with memories or operations, each once (partitions are not grouped by tenant: a walk of all).</summary>
    private IEnumerable<MemoryPartition> TenantPartitions(string tenantId) =>
        _partitions.Keys.Concat(_operations.Keys).Where(key => key.TenantId == tenantId).Distinct();

    internal IEnumerable<MemoryOperation> Operations(MemoryPartition? partition) =>
        partition is { } only
            ? (_operations.TryGetValue(only, out var operations) ? operations.Values.ToList() : [])
            : _operations.Values.SelectMany(operations => operations.Values).ToList();

    private static string LogFileName(long generation) => string.Create(CultureInfo.InvariantCulture, $"wal-{generation:D12}.log");

    private void Recover()
    {
        _recovering = true;
        try
        {
            RecoverState();
        }
        finally
        {
            _recovering = false;
        }
    }

    private void RecoverState()
    {
        var started = Stopwatch.GetTimestamp();
        DeleteIfExists(Path.Combine(DataDirectory, SnapshotTempFileName));
        var snapshotPath = Path.Combine(DataDirectory, SnapshotFileName);
        if (File.Exists(snapshotPath))
        {
            LoadSnapshot(snapshotPath);
        }

        var logPath = Path.Combine(DataDirectory, LogFileName(_generation));
        if (File.Exists(logPath))
        {
            ReplayLog(logPath);
        }

        foreach (var stale in Directory.EnumerateFiles(DataDirectory, "wal-*.log").Where(path => !string.Equals(path, logPath, StringComparison.Ordinal)))
        {
            DeleteIfExists(stale);
        }

        _log = OpenLog(logPath);
        _logBytes = _log.Length;
        if (_readOlderFormat)
        {
            // Rewrite an older store in today's format (v1: sealed records, file headers; v2: the header that allows audit
            // records) before taking any write, so no file headed with an older version ever holds a newer record type.
            Compact("upgrade from an older format version");
        }

        Log.Recovered(
            _logger,
            DataDirectory,
            _partitions.Values.Sum(p => (long)p.Count),
            _partitions.Count,
            _operations.Values.Sum(o => (long)o.Count),
            _logRecords,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private void ReplayLog(string logPath)
    {
        long validLength;
        long fileLength;
        string? stopReason;
        using (var reader = new FrameFileReader(logPath, _keyring))
        {
            while (reader.TryRead(out var entry))
            {
                Apply(entry!, replay: true);
                _sequence = Math.Max(_sequence, entry!.Sequence);
                _logRecords++;
            }

            _readOlderFormat |= reader.FormatVersion < EntryCodec.FormatVersion;

            (validLength, fileLength, stopReason) = (reader.ValidLength, reader.FileLength, reader.StopReason);
            if (stopReason is not null && reader.FindNextFrame() is { } next)
            {
                // Readable records after the damage were acknowledged: truncating here would silently drop them.
                throw LocalStoreDamagedException.InLog(logPath, validLength, stopReason, next);
            }
        }

        if (stopReason is not null)
        {
            // Only the tail can be torn (appends are sequential), and no caller was told it was durable; cut it so new
            // records do not land behind garbage.
            Log.TornTailTruncated(_logger, logPath, stopReason, fileLength - validLength, validLength);
            using var file = _files.Open(logPath, FileMode.Open, FileAccess.Write, FileShare.None);
            file.SetLength(validLength);
            _files.Sync(file);
        }
    }

    /// <summary>Opens a log for appending; a new (or empty) one gets its file header first, fsynced with its directory entry.</summary>
    private FileStream OpenLog(string path)
    {
        // No FileStream buffer: a batch arrives as one buffer, is written with one call and flushed with one fsync.
        var stream = _files.Open(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        try
        {
            if (stream.Length == 0)
            {
                var header = new FrameBuffer(64);
                EntryCodec.Write(header, new FileHeaderEntry(EntryCodec.FormatVersion), _keyring);
                _files.Write(stream, header.Written);
                _files.Sync(stream);
                SyncDirectory();
            }

            stream.Seek(0, SeekOrigin.End);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private void SyncDirectory()
    {
        try
        {
            DirectorySync.Flush(DataDirectory);
        }
        catch (Exception exception) when (exception is IOException or DllNotFoundException or EntryPointNotFoundException)
        {
            Log.DirectorySyncFailed(_logger, DataDirectory, exception);
        }
    }

    private void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
            Log.StaleFileRemoved(_logger, Path.GetFileName(path));
        }
    }

    private void CountDimensions(MemoryRecord? removed, MemoryRecord? added)
    {
        lock (_dimensionGate)
        {
            if (removed is { Embedding.Length: > 0 })
            {
                _dimensionCounts[removed.Embedding.Length]--;
            }

            if (added is { Embedding.Length: > 0 })
            {
                _dimensionCounts[added.Embedding.Length] = _dimensionCounts.GetValueOrDefault(added.Embedding.Length) + 1;
            }
        }
    }
}
