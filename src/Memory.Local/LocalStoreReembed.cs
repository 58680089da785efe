using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Local.Storage;
using Microsoft.Extensions.AI;

namespace MemoryFunctions.Local;

/// <summary>What a re-embed did: the model, memories re-embedded by this run, memories skipped as done by an earlier run.</summary>
public sealed record LocalStoreReembedReport(EmbeddingModelStamp Model, long Reembedded, long AlreadyDone);

/// <summary>
/// Re-embeds every memory of the store with another embedding model and re-stamps the store with it
/// (<see cref="EmbeddingModelFile"/>), for a model change. Run with the server stopped. Resumable: killed at any moment,
/// run again, it goes on from the last batch whose vectors were durable (<see cref="ReembedProgressFile"/>).
/// </summary>
/// <remarks>
/// The same batch machinery as the bulk import: each batch of texts is one call to the embedder's batch API, and its
/// writes are submitted together, so they share one group commit (one fsync). A re-embed changes no content, so it adds no
/// history; each write replaces only the vector and is fenced by the ETag read, so it never overwrites a change. While
/// <see cref="ReembedProgressFile"/> exists the store holds vectors of two models and the server refuses to start.
/// </remarks>
public static class LocalStoreReembed
{
    /// <summary>Texts per embedder call and per group commit (the import's batch size).</summary>
    public const int DefaultBatchSize = 256;

    public static async Task<LocalStoreReembedReport> RunAsync(
        LocalStorageEngine engine, IEmbeddingGenerator<string, Embedding<float>> embedder, int batchSize = DefaultBatchSize, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var target = await EmbeddingModelStamp.OfAsync(embedder, cancellationToken: cancellationToken);
        var resumed = ReembedProgressFile.Read(engine.DataDirectory) is { } earlier && earlier.Target == target ? earlier : null;
        var cursor = resumed ?? new ReembedProgressFile(target, null, null);
        cursor.Write(engine.DataDirectory);
        var store = new LocalMemoryStore(engine);
        long reembedded = 0, skipped = 0;
        foreach (var partition in engine.MemoryPartitions())
        {
            var memories = engine.FindPartition(partition)?.SnapshotMemories().OrderBy(memory => memory.Id, StringComparer.Ordinal).ToList() ?? [];
            var todo = memories.Where(memory => !IsDone(resumed, partition, memory.Id)).ToList();
            skipped += memories.Count - todo.Count;
            foreach (var batch in todo.Chunk(batchSize))
            {
                var vectors = await embedder.GenerateAsync(batch.Select(memory => memory.Text), cancellationToken: cancellationToken);
                await Task.WhenAll(batch.Select((memory, i) => store.ReplaceEmbeddingAsync(memory, vectors[i].Vector.ToArray(), cancellationToken)));
                reembedded += batch.Length;
                cursor = new ReembedProgressFile(target, partition, batch[^1].Id);
                cursor.Write(engine.DataDirectory);
                progress?.Invoke(reembedded + skipped);
            }
        }

        // The stamp first: a crash before the progress file goes leaves a finished run that the next run completes at once.
        EmbeddingModelFile.Write(engine.DataDirectory, target);
        ReembedProgressFile.Delete(engine.DataDirectory);
        return new LocalStoreReembedReport(target, reembedded, skipped);
    }

    /// <summary>Whether an earlier run of the same model got past this memory (partitions, then ids, in ordinal order).</summary>
    private static bool IsDone(ReembedProgressFile? resumed, MemoryPartition partition, string id)
    {
        if (resumed?.Partition is not { } last)
        {
            return false;
        }

        var order = Compare(partition, last);
        return order < 0 || (order == 0 && string.CompareOrdinal(id, resumed.LastId) <= 0);
    }

    private static int Compare(MemoryPartition a, MemoryPartition b)
    {
        var tenant = string.CompareOrdinal(a.TenantId, b.TenantId);
        return tenant != 0 ? tenant : string.CompareOrdinal(a.UserId, b.UserId);
    }
}
