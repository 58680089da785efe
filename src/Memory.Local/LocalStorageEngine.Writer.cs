using System.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Operations;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Local.Diagnostics;
using MemoryFunctions.Local.Indexing;
using MemoryFunctions.Local.Storage;

namespace MemoryFunctions.Local;

public sealed partial class LocalStorageEngine
{
    private readonly FrameBuffer _batchBuffer = new();
    private readonly List<(WriteCommand Command, LogEntry? Entry)> _decided = [];
    /// <summary>What a caller refused for lack of space is told to wait; compaction after a failure waits as long.</summary>
    private static readonly TimeSpan DiskFullRetryAfter = TimeSpan.FromSeconds(5);

    private BatchView? _view;
    private Exception? _fault;
    private long _compactionRetryAt;

    internal Task<TResult> SubmitAsync<TResult>(Func<BatchView, long, Decision<TResult>> decide, bool waitsForCompaction, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var command = new WriteCommand<TResult>(decide, waitsForCompaction, cancellationToken);
        return _commands.Writer.TryWrite(command)
            ? command.Task
            : throw new ObjectDisposedException(nameof(LocalStorageEngine), "The local store has been closed.");
    }

    /// <summary>
    /// The only writer. Takes whatever is queued (up to <see cref="LocalStoreOptions.MaxBatchSize"/>), logs it with one
    /// write and one fsync, applies it, answers every waiter. While it fsyncs, new writes queue up and form the next
    /// batch, which is why throughput grows with concurrency instead of collapsing.
    /// </summary>
    private async Task RunWriterLoopAsync()
    {
        var batch = new List<WriteCommand>(_options.MaxBatchSize);
        var light = new List<WriteCommand>();
        while (await _commands.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && _commands.Reader.TryRead(out var command))
            {
                batch.Add(command);
            }

            if (WriteLanes.TrySplit(batch, light))
            {
                RunBatch(light);
            }

            RunBatch(batch);
        }

        if (_fault is null)
        {
            _files.Sync(_log);
        }
    }

    private void RunBatch(List<WriteCommand> batch)
    {
        try
        {
            ProcessBatch(batch);
        }
#pragma warning disable CA1031 // The loop must survive anything, or every later write would wait forever.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Unexpected (a bug, or applying failed after the log write): memory may no longer match the log, so stop
            // writing; a restart rebuilds the state from the files.
            _fault ??= exception;
            Log.LogWriteFailed(_logger, exception);
            batch.ForEach(command => command.Fail(new InvalidOperationException("The local store failed while writing; restart the process.", exception)));
        }
    }

    private void ProcessBatch(List<WriteCommand> batch)
    {
        _view ??= new BatchView(
            (partition, id) => FindPartition(partition)?.Get(id),
            FindOperation,
            partition => Operations(partition),
            EpochOf);
        _view.Clear();
        _batchBuffer.Reset();
        _decided.Clear();
        var entries = 0;
        foreach (var command in batch)
        {
            if (command.CancellationToken.IsCancellationRequested)
            {
                command.Cancel();
            }
            else if (_fault is not null)
            {
                command.Fail(new InvalidOperationException("The local store stopped accepting writes after a log write failed; restart the process.", _fault));
            }
            else
            {
                entries += Decide(command) ? 1 : 0;
            }
        }

        if ((entries > 0 || _keyring.HasPendingWrites) && !TryCommit())
        {
            return;
        }

        Log.BatchCommitted(_logger, entries, batch.Count);
        var compactionWaiters = new List<(WriteCommand Command, int Applied)>();
        foreach (var (command, entry) in _decided)
        {
            var applied = entry is null ? 0 : Apply(entry, replay: false);
            if (_fault is not null)
            {
                // Logged, but an erase's keys are still in keys.bin until the restart this failure calls for.
                command.Fail(new IOException("The write was logged, but the store failed right after; restart the process.", _fault));
            }
            else if (command.WaitsForCompaction)
            {
                compactionWaiters.Add((command, applied));
            }
            else
            {
                command.Complete(applied);
            }
        }

        _batchBuffer.Reset();
        _batchBuffer.Trim(4 * 1024 * 1024);
        var thresholdsDue = Stopwatch.GetTimestamp() >= _compactionRetryAt;
        var reason = compactionWaiters.Count > 0 ? "requested"
            : thresholdsDue && _logBytes >= _options.CompactAfterLogBytes ? "log size threshold"
            : thresholdsDue && _logRecords >= _options.CompactAfterLogRecords ? "log record threshold"
            : null;
        if (reason is not null)
        {
            RunCompaction(reason, compactionWaiters);
        }
    }

    private bool Decide(WriteCommand command)
    {
        var mark = _batchBuffer.Length;
        try
        {
            var entry = command.Decide(_view!, _sequence + 1);
            if (entry is PartitionEraseEntry erase)
            {
                LogErase(erase);
            }
            else if (entry is not null)
            {
                EntryCodec.Write(_batchBuffer, entry, _keyring);
                _view!.Record(entry);
            }

            if (entry is not null)
            {
                _sequence = entry.Sequence;
            }

            _decided.Add((command, entry));
            return entry is not null;
        }
#pragma warning disable CA1031 // A write that cannot be encoded fails alone; the batch and the loop go on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _batchBuffer.Truncate(mark);
            command.Fail(exception);
            return false;
        }
    }

    /// <summary>
    /// Retires the partition's keys (their slots are zeroed only once this batch is in the log: see
    /// <see cref="PartitionKeyring"/>), then logs the erase entry (the epoch, and the keys it destroys) and the stubs of
    /// the operations it cancels, sealed under a fresh key, so a restart shows pollers why they ended instead of nothing.
    /// Applying the erase makes the same stubs in memory, so both are taken from the batch view (the writes decided
    /// before it in this batch included) and recorded there: a restart then replays exactly what readers saw, not an
    /// operation that finished, or an earlier erase's stub that went, in this same batch.
    /// </summary>
    private void LogErase(PartitionEraseEntry erase)
    {
        var stubs = erase.Scope.HasFlag(EraseScope.Operations) ? _view!.GetOperations(erase.Partition).Select(operation => operation.EndedByErase()).OfType<MemoryOperation>().ToList() : [];
        erase = erase with { ShreddedKeys = RetireKeys(erase) };
        EntryCodec.Write(_batchBuffer, erase, _keyring);
        _view!.Record(erase);
        foreach (var stub in stubs.Select(stub => new OperationPutEntry(erase.Sequence, stub)))
        {
            EntryCodec.Write(_batchBuffer, stub, _keyring);
            _view.Record(stub);
        }
    }

    private List<Guid> RetireKeys(PartitionEraseEntry erase)
    {
        var keys = new List<Guid>();
        if (erase.Scope.HasFlag(EraseScope.Memories))
        {
            keys.AddRange(_keyring.Retire(erase.Partition, KeyScope.Memories));
        }

        if (erase.Scope.HasFlag(EraseScope.Operations))
        {
            keys.AddRange(_keyring.Retire(erase.Partition, KeyScope.Operations));
        }

        return keys;
    }

    private bool TryCommit()
    {
        try
        {
            // Keys first: a logged record must never name a key that a crash could lose.
            _keyring.Commit();
            if (_batchBuffer.Length > 0)
            {
                _files.Write(_log, _batchBuffer.Written);
                _files.Sync(_log);
            }

            _logBytes += _batchBuffer.Length;
            _logRecords += _decided.Count(pair => pair.Entry is not null);
        }
        catch (IOException exception) when (DiskFull.Is(exception) && TryCutLogBackTo(_logBytes))
        {
            // Nothing of this batch is in the log any more, so the store is consistent and can go on: this batch fails,
            // the next one tries again, and writes succeed again as soon as there is space. An erase in it did not
            // happen, so its keys go back in use.
            _keyring.RestoreRetired();
            Log.DiskFull(_logger, DataDirectory, exception);
            var full = new StoreFailureException(
                StoreFailureKind.Full,
                "The local store's disk is full, so the write was not stored. Reads go on; writes succeed again once space is freed.",
                DiskFullRetryAfter,
                exception);
            foreach (var (command, _) in _decided)
            {
                command.Fail(full);
            }

            return false;
        }
#pragma warning disable CA1031 // Any other failure means durability is unknown: fail the batch and stop writing.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // After a failed write or fsync the file's contents are unknown (fsync errors are not reliably re-reported),
            // so the store stops writing instead of pretending; recovery on restart trims whatever half-record remains,
            // and finishes an erase that reached the log.
            _keyring.RestoreRetired();
            _fault = exception;
            Log.LogWriteFailed(_logger, exception);
            foreach (var (command, _) in _decided)
            {
                command.Fail(new IOException("The write could not be made durable.", exception));
            }

            return false;
        }

        try
        {
            // The batch is durable: its erases happened. Zeroing overwrites in place, so it needs no free space.
            _keyring.ShredRetired();
        }
#pragma warning disable CA1031 // The batch is logged, so it is applied (memory matches the log); recovery shreds the keys its erases name.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _fault = exception;
            Log.LogWriteFailed(_logger, exception);
        }

        return true;
    }

    /// <summary>Removes whatever part of a failed batch reached the log; shrinking a file needs no free space.</summary>
    private bool TryCutLogBackTo(long length)
    {
        try
        {
            _log.SetLength(length);
            _log.Seek(length, SeekOrigin.Begin);
            _files.Sync(_log);
            return true;
        }
        catch (IOException exception)
        {
            Log.LogWriteFailed(_logger, exception);
            return false;
        }
    }

    private void RunCompaction(string reason, List<(WriteCommand Command, int Applied)> waiters)
    {
        Exception? failure = null;
        try
        {
            Compact(reason);
        }
#pragma warning disable CA1031 // Reported to the waiters and logged; the log stays valid, so the store keeps working.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Not again on the very next batch: on a full disk every attempt would write a large temporary file for nothing.
            failure = exception;
            _compactionRetryAt = Stopwatch.GetTimestamp() + (long)(DiskFullRetryAfter.TotalSeconds * Stopwatch.Frequency);
            Log.CompactionFailed(_logger, exception);
        }

        foreach (var (command, applied) in waiters)
        {
            if (failure is null)
            {
                command.Complete(applied);
            }
            else
            {
                command.Fail(new IOException("Rewriting the data files (compaction) failed; the store keeps its log and goes on.", failure));
            }
        }
    }

    /// <summary>Applies one entry to the in-memory state; the same path serves live writes, log replay and snapshot load.</summary>
    private int Apply(LogEntry entry, bool replay)
    {
        switch (entry)
        {
            case MemoryPutEntry put:
                var memory = put.Memory;
                CountDimensions(Partition(memory.Partition).Put(memory, put.History), memory);
                return 1;
            case MemoryDeleteEntry delete:
                var removed = Partition(delete.Partition).Delete(delete.MemoryId, delete.History);
                CountDimensions(removed, null);
                return removed is null ? 0 : 1;
            case HistoryEntry history:
                Partition(new MemoryPartition(history.History.TenantId, history.History.UserId)).PutHistory(history.History);
                return 1;
            case OperationPutEntry put:
                _operations.GetOrAdd(put.Operation.Partition, _ => new())[put.Operation.Id] = put.Operation;
                return 1;
            case PartitionEraseEntry erase:
                return Erase(erase, replay);
            case AuditPutEntry audit:
                _audit.Put(audit.Record);
                return 1;
            default:
                return 0;
        }
    }

    private int Erase(PartitionEraseEntry erase, bool replay)
    {
        if (replay)
        {
            // Finishes an erase a crash cut short between its log write and its shredding (live, that followed the log write).
            _keyring.Shred(erase.ShreddedKeys ?? []);
        }

        _epochs.AddOrUpdate(erase.Partition, erase.Sequence, (_, known) => Math.Max(known, erase.Sequence));
        var erased = 0;
        if (erase.Scope.HasFlag(EraseScope.Memories) && _partitions.TryRemove(erase.Partition, out var index))
        {
            // Not disposed: a concurrent reader may still hold it; it is garbage once they finish. Its approximate index is
            // native memory the collector does not see, so that is freed now (after any search already inside it).
            var memories = index.SnapshotMemories();
            index.Retire();
            memories.ForEach(memory => CountDimensions(memory, null));
            erased += memories.Count;
        }

        if (erase.Scope.HasFlag(EraseScope.Operations) && _operations.TryRemove(erase.Partition, out var operations))
        {
            erased += operations.Count;
            var stubs = operations.Values.Select(operation => operation.EndedByErase()).OfType<MemoryOperation>().ToList();
            if (stubs.Count > 0)
            {
                _operations[erase.Partition] = new(stubs.ToDictionary(stub => stub.Id, StringComparer.Ordinal));
            }
        }

        return erased;
    }

    private PartitionIndex Partition(MemoryPartition partition) => _partitions.GetOrAdd(partition, _ => new PartitionIndex(_approximateIndexes, deferLexicalIndex: _recovering));
}
