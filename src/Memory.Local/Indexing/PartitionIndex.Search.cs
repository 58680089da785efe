using System.Buffers;
using System.Numerics.Tensors;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Local.Indexing;

internal sealed partial class PartitionIndex
{
    /// <summary>Below this many slots a parallel scan costs more in coordination than it saves.</summary>
    private const int ParallelScanThreshold = 4096;
    private const int MaxScanWorkers = 8;

    /// <summary>
    /// Exact (brute-force) vector search plus BM25, both over memories matching the filter; returns the union of each
    /// channel's top <see cref="MemorySearchQuery.CandidateCount"/> with 1-based ranks. Stored vectors are unit length,
    /// so a dot product divided by the query's norm is the cosine.
    /// </summary>
    public List<SearchCandidate> Search(MemorySearchQuery query)
    {
        var take = Math.Max(0, query.CandidateCount);
        var queryNorm = query.Vector.Length == 0 ? 0f : TensorPrimitives.Norm(query.Vector);
        _lock.EnterReadLock();
        bool[]? eligible = null;
        try
        {
            var count = _highWater;
            eligible = ArrayPool<bool>.Shared.Rent(Math.Max(1, count));
            var scan = new Scan(_records, query, queryNorm, take, eligible);
            PriorityQueue<int, (float Score, int Slot)> vectorHeap;
            if (count < ParallelScanThreshold || Environment.ProcessorCount == 1)
            {
                vectorHeap = scan.Run(0, count);
            }
            else
            {
                // Large partitions: one range per core, each with its own top-k, merged after. The caller holds the read
                // lock for all of them, so the log loop cannot change the slots meanwhile.
                var workers = Math.Min(Environment.ProcessorCount, MaxScanWorkers);
                var heaps = new PriorityQueue<int, (float Score, int Slot)>[workers];
                var chunk = (count + workers - 1) / workers;
                Parallel.For(0, workers, worker => heaps[worker] = scan.Run(worker * chunk, Math.Min(count, (worker + 1) * chunk)));
                vectorHeap = heaps[0];
                for (var worker = 1; worker < workers; worker++)
                {
                    while (heaps[worker].TryDequeue(out var slot, out var key))
                    {
                        Scan.Offer(vectorHeap, slot, key, take);
                    }
                }
            }

            var (lexical, lexicalMaximum) = take == 0 ? (new Dictionary<int, double>(), 0.0) : _lexical.Score(query.Text, slot => slot < count && eligible[slot]);
            return Merge(vectorHeap, lexical, lexicalMaximum, take, query.Vector, queryNorm);
        }
        finally
        {
            _lock.ExitReadLock();
            if (eligible is not null)
            {
                ArrayPool<bool>.Shared.Return(eligible);
            }
        }
    }

    private List<SearchCandidate> Merge(PriorityQueue<int, (float Score, int Slot)> vectorHeap, Dictionary<int, double> lexical, double lexicalMaximum, int take, float[] vector, float queryNorm)
    {
        var byVector = new List<(int Slot, float Score)>(vectorHeap.Count);
        while (vectorHeap.TryDequeue(out var slot, out var key))
        {
            byVector.Add((slot, key.Score));
        }

        byVector.Reverse();
        var byLexical = lexical
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => _records[pair.Key]!.Id, StringComparer.Ordinal)
            .Take(take)
            .ToList();
        var candidates = new Dictionary<int, SearchCandidate>(byVector.Count + byLexical.Count);
        for (var i = 0; i < byVector.Count; i++)
        {
            var (slot, score) = byVector[i];
            candidates[slot] = new SearchCandidate(_records[slot]!, score, i + 1, null, null, lexicalMaximum);
        }

        for (var i = 0; i < byLexical.Count; i++)
        {
            var (slot, score) = byLexical[i];
            candidates[slot] = candidates.TryGetValue(slot, out var existing)
                ? existing with { LexicalScore = score, LexicalRank = i + 1 }
                : new SearchCandidate(_records[slot]!, Cosine(vector, queryNorm, _records[slot]!.Embedding), null, score, i + 1, lexicalMaximum);
        }

        return candidates.Values
            .OrderBy(c => Math.Min(c.VectorRank ?? int.MaxValue, c.LexicalRank ?? int.MaxValue))
            .ThenBy(c => c.Memory.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The cosine of a candidate only the lexical channel found: it has no vector rank, but score fusion still weighs how
    /// close it is in meaning, and the stored vector is at hand. Null when there is nothing to compare.
    /// </summary>
    private static double? Cosine(float[] vector, float queryNorm, float[] embedding) =>
        queryNorm > 0 && embedding.Length == vector.Length ? TensorPrimitives.Dot(vector, embedding) / queryNorm : null;

    /// <summary>One pass over a range of slots: evaluates the filter (recorded for the lexical channel) and keeps the vector top-k.</summary>
    private readonly struct Scan(MemoryRecord?[] records, MemorySearchQuery query, float queryNorm, int take, bool[] eligible)
    {
        public PriorityQueue<int, (float Score, int Slot)> Run(int from, int to)
        {
            var heap = new PriorityQueue<int, (float Score, int Slot)>(take + 1, VectorHeapOrder.Instance);
            var vector = query.Vector;
            for (var slot = from; slot < to; slot++)
            {
                var memory = records[slot];
                eligible[slot] = memory is not null && query.Filter.Matches(memory);
                if (eligible[slot] && take > 0 && queryNorm > 0 && memory!.Embedding.Length == vector.Length)
                {
                    Offer(heap, slot, (TensorPrimitives.Dot(vector, memory.Embedding) / queryNorm, slot), take);
                }
            }

            return heap;
        }

        public static void Offer(PriorityQueue<int, (float Score, int Slot)> heap, int slot, (float Score, int Slot) key, int take)
        {
            if (heap.Count < take)
            {
                heap.Enqueue(slot, key);
            }
            else if (heap.TryPeek(out _, out var lowest) && VectorHeapOrder.Instance.Compare(key, lowest) > 0)
            {
                heap.EnqueueDequeue(slot, key);
            }
        }
    }

    /// <summary>Min-heap order for the vector top-k: lowest score first; on equal scores the later slot goes first, so ties keep the earlier slot.</summary>
    private sealed class VectorHeapOrder : IComparer<(float Score, int Slot)>
    {
        public static readonly VectorHeapOrder Instance = new();

        public int Compare((float Score, int Slot) x, (float Score, int Slot) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Slot.CompareTo(x.Slot);
        }
    }
}
