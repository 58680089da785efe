using System.Diagnostics;
using System.Numerics.Tensors;

namespace MemoryFunctions.Bench;

/// <summary>
/// The floor of what exact search must cost: one thread, a plain loop of <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// over every vector and a bounded heap for the top k. No filters, no BM25, no ranking, no lock. It runs over the store's
/// own vector arrays, so memory layout is the same as the store's scan sees.
/// </summary>
internal static class ExactSearchBaseline
{
    public static Percentiles Measure(IReadOnlyList<float[]> vectors, SyntheticMemories queries, int topK, int iterations, int warmUp)
    {
        var heap = new PriorityQueue<int, float>(topK + 1);
        var best = new int[topK];
        var samples = new List<double>(iterations);
        for (var i = -warmUp; i < iterations; i++)
        {
            var query = queries.Vector();
            var started = Stopwatch.GetTimestamp();
            heap.Clear();
            for (var slot = 0; slot < vectors.Count; slot++)
            {
                var score = TensorPrimitives.Dot(query, vectors[slot]);
                if (heap.Count < topK)
                {
                    heap.Enqueue(slot, score);
                }
                else if (heap.TryPeek(out _, out var lowest) && score > lowest)
                {
                    heap.EnqueueDequeue(slot, score);
                }
            }

            for (var rank = heap.Count - 1; rank >= 0; rank--)
            {
                best[rank] = heap.Dequeue();
            }

            if (i >= 0)
            {
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        GC.KeepAlive(best);
        return new Percentiles(samples);
    }
}
