using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace MemoryFunctions.Local.Storage;

/// <summary>
/// Decodes and applies a snapshot's sealed records on several threads, so start-up is not one core unsealing, decoding and
/// indexing every record in turn. A snapshot holds each record once and its records under different keys do not depend
/// on one another, so every record under one key (a partition's memories and history, or its operations) goes to the same
/// worker in file order — each partition still sees its records in order — while partitions load side by side. The
/// reading thread checksums frames and applies the few unsealed entries (epochs, audit records) itself. One cipher is only
/// ever used by the worker its key routes to. Any failure is damage (a snapshot is published only complete and fsynced):
/// <see cref="Complete"/> rethrows the first one after every worker has stopped.
/// </summary>
internal sealed class SnapshotLoader : IDisposable
{
    /// <summary>Payloads are handed over in batches of about this many bytes, so the hand-over costs little per record.</summary>
    private const int BatchBytes = 256 * 1024;

    private readonly Worker[] _workers;
    private int _completed;

    public SnapshotLoader(int workers, PartitionKeyring keyring, int formatVersion, Action<LogEntry> apply)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = [.. Enumerable.Range(0, workers).Select(_ => new Worker(payload => apply(EntryCodec.Read(payload.Span, keyring, formatVersion))))];
    }

    /// <summary>One worker per core: the reading thread's checksums cost little beside unsealing, decoding and indexing.</summary>
    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, 16);

    /// <summary>Queues a sealed record for the worker of <paramref name="key"/>; throws the first failure as soon as one is known.</summary>
    public void Post(Guid key, ReadOnlySpan<byte> payload)
    {
        var worker = _workers[(int)((uint)key.GetHashCode() % (uint)_workers.Length)];
        worker.Failure?.Throw();
        worker.Append(payload);
    }

    /// <summary>Waits until every queued record is applied; rethrows the first failure of any worker.</summary>
    public void Complete()
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            Array.ForEach(_workers, worker => worker.Dispose());
        }

        Array.ForEach(_workers, worker => worker.Failure?.Throw());
    }

    /// <summary>Stops the workers (after an error of the reading thread, too) once what they hold is done.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            Array.ForEach(_workers, worker => worker.Dispose());
        }
    }

    private sealed class Worker : IDisposable
    {
        private readonly BlockingCollection<Batch> _queue = new(boundedCapacity: 4);
        private readonly Action<ReadOnlyMemory<byte>> _apply;
        private readonly Task _loop;
        private Batch _filling = new(BatchBytes);

        public Worker(Action<ReadOnlyMemory<byte>> apply)
        {
            _apply = apply;
            _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public ExceptionDispatchInfo? Failure { get; private set; }

        public void Append(ReadOnlySpan<byte> payload)
        {
            if (_filling.TryAppend(payload))
            {
                return;
            }

            Flush();
            if (!_filling.TryAppend(payload))
            {
                // Larger than a batch: it travels alone, in an array of its own.
                var alone = new Batch(payload.Length);
                alone.TryAppend(payload);
                _queue.Add(alone);
            }
        }

        /// <summary>Hands over the last batch and waits until the worker has applied everything.</summary>
        public void Dispose()
        {
            Flush();
            _queue.CompleteAdding();
            _loop.GetAwaiter().GetResult();
            _queue.Dispose();
        }

        private void Flush()
        {
            if (_filling.Count > 0)
            {
                _queue.Add(_filling);
                _filling = new Batch(BatchBytes);
            }
        }

        private void Run()
        {
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                try
                {
                    // After a failure the rest is drained unread, so the reading thread never blocks on a full queue.
                    for (var i = 0; Failure is null && i < batch.Count; i++)
                    {
                        _apply(batch.Payload(i));
                    }
                }
                catch (Exception exception)
                {
                    Failure = ExceptionDispatchInfo.Capture(exception);
                }
                finally
                {
                    batch.Return();
                }
            }
        }
    }

    /// <summary>Payloads copied back to back into one pooled array.</summary>
    private sealed class Batch(int capacity)
    {
        private readonly List<(int Start, int Length)> _payloads = [];
        private byte[]? _bytes = ArrayPool<byte>.Shared.Rent(capacity);
        private int _used;

        public int Count => _payloads.Count;

        public bool TryAppend(ReadOnlySpan<byte> payload)
        {
            if (_bytes is null || _bytes.Length - _used < payload.Length)
            {
                return false;
            }

            payload.CopyTo(_bytes.AsSpan(_used));
            _payloads.Add((_used, payload.Length));
            _used += payload.Length;
            return true;
        }

        public ReadOnlyMemory<byte> Payload(int index) => _bytes.AsMemory(_payloads[index].Start, _payloads[index].Length);

        public void Return()
        {
            if (_bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = null;
            }
        }
    }
}
