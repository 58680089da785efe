using System.Diagnostics;
using MemoryFunctions.Local.Diagnostics;
using MemoryFunctions.Local.Indexing;

namespace MemoryFunctions.Local;

/// <summary>
/// Search-only indexes built after recovery instead of during it, so the store serves reads and writes as soon as its
/// records are loaded: the lexical index of every partition loaded at start-up, one partition at a time on one background
/// thread (a search that reaches a partition first builds or waits for its index: <see cref="PartitionIndex.EnsureLexicalIndex()"/>),
/// and the approximate vector indexes (<see cref="Indexing.Vectors.ApproximateIndexBuilder"/>).
/// </summary>
public sealed partial class LocalStorageEngine
{
    private Task _lexicalIndexing = Task.CompletedTask;

    /// <summary>True while <see cref="Recover"/> runs: partitions it creates leave their lexical index for later.</summary>
    private bool _recovering;

    /// <summary>Completes once every partition loaded at start-up has its lexical index (tests and benchmarks).</summary>
    internal Task WhenLexicalIndexesBuiltAsync() => _lexicalIndexing;

    /// <summary>
    /// One core at most goes to building after start-up, the other serving: the lexical indexes first (every search needs
    /// one), then the approximate vector indexes (exact search serves those partitions meanwhile).
    /// </summary>
    private void StartBackgroundIndexing()
    {
        var deferred = new Queue<PartitionIndex>(_partitions.Values.Where(partition => !partition.HasLexicalIndex));
        if (deferred.Count == 0)
        {
            _approximateIndexes.Start();
            return;
        }

        _lexicalIndexing = Task.Factory.StartNew(() => BuildLexicalIndexes(deferred), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Takes each partition off the queue as it goes, so a built (or erased) one is not kept alive by the pass.</summary>
    private void BuildLexicalIndexes(Queue<PartitionIndex> partitions)
    {
        var started = Stopwatch.GetTimestamp();
        var built = 0;
        while (partitions.TryDequeue(out var partition))
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            try
            {
                partition.EnsureLexicalIndex();
                built++;
            }
            catch (Exception exception)
            {
                // One partition's failure must not keep the others unbuilt, nor fault the task DisposeAsync awaits.
                Log.LexicalIndexBuildFailed(_logger, exception);
            }
        }

        Log.LexicalIndexesBuilt(_logger, built, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        // Disposing waits for this task before it disposes the builder, so the builder never starts after it stopped.
        _approximateIndexes.Start();
    }
}
