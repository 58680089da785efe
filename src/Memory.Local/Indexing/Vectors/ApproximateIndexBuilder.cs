using System.Threading.Channels;
using MemoryFunctions.Local.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Local.Indexing.Vectors;

/// <summary>
/// Builds approximate indexes for partitions that reached <see cref="Threshold"/> memories, one at a time on one
/// background thread, so at most one core goes to building while exact search serves those partitions meanwhile.
/// Nothing builds before <see cref="Start"/>: recovery first loads every partition whole (building while it still grows
/// would be work thrown away), then start-up asks for the partitions that need one.
/// </summary>
internal sealed class ApproximateIndexBuilder : IAsyncDisposable
{
    private readonly Channel<PartitionIndex> _requests = Channel.CreateUnbounded<PartitionIndex>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<PartitionIndex> _queued = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;

    public ApproximateIndexBuilder(int threshold, ILogger logger)
    {
        Threshold = threshold;
        _logger = logger;
    }

    /// <summary>Partitions with at least this many memories get an approximate index; 0 turns indexing off.</summary>
    public int Threshold { get; }

    /// <summary>Called under the partition's write lock when it reaches the threshold without an index; cheap and idempotent.</summary>
    public void Request(PartitionIndex partition)
    {
        if (Threshold <= 0)
        {
            return;
        }

        lock (_queued)
        {
            if (_queued.Add(partition))
            {
                _requests.Writer.TryWrite(partition);
            }
        }
    }

    public void Start() => _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>Completes once every build requested so far has finished (tests and benchmarks wait for it).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            lock (_queued)
            {
                if (_queued.Count == 0)
                {
                    return;
                }
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    public void Built(int vectors, TimeSpan elapsed) => Log.ApproximateIndexBuilt(_logger, vectors, (long)elapsed.TotalMilliseconds);

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var partition in _requests.Reader.ReadAllAsync(_stopping.Token))
        {
            try
            {
                partition.BuildApproximateIndex(Threshold, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException or OutOfMemoryException)
            {
                Log.ApproximateIndexBuildFailed(_logger, exception);
            }
            finally
            {
                lock (_queued)
                {
                    _queued.Remove(partition);
                }
            }
        }
    }
}
