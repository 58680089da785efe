using System.Buffers;
using System.Numerics.Tensors;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;

namespace MemoryFunctions.Local.Indexing;

internal sealed partial class PartitionIndex
{
    /// <summary>
    /// Exact (brute-force) vector search plus BM25, both over memories matching the filter; returns the union of each
    /// channel's top <see cref="MemorySearchQuery.CandidateCount"/> with 1-based ranks. Stored vectors are unit length,
    /// so a dot product divided by the query's norm is the cosine.
    /// </summary>
    public List<SearchCandidate> Search(MemorySearchQuery query)
    {
        var take = Math.Max(0, query.CandidateCount);
        var queryNorm = query.Vector.Length == 0 ? 0f : TensorPrimitives.Norm(query.Vector);
        var vectorHeap = new PriorityQueue<int, (float Score, int Slot)>(take + 1, VectorHeapOrder.Instance);
        _lock.EnterReadLock();
        bool[]? eligible = null;
        try
        {
            var count = _highWater;
            eligible = ArrayPool<bool>.Shared.Rent(Math.Max(1, count));
            for (var slot = 0; slot < count; slot++)
            {
                var memory = _records[slot];
                eligible[slot] = memory is not null && query.Filter.Matches(memory);
                if (!eligible[slot] || take == 0 || queryNorm == 0 || memory!.Embedding.Length != query.Vector.Length)
                {
                    continue;
                }

                var score = TensorPrimitives.Dot(query.Vector, memory.Embedding) / queryNorm;
                if (vectorHeap.Count < take)
                {
                    vectorHeap.Enqueue(slot, (score, slot));
                }
                else if (vectorHeap.TryPeek(out _, out var lowest) && VectorHeapOrder.Instance.Compare((score, slot), lowest) > 0)
                {
                    vectorHeap.EnqueueDequeue(slot, (score, slot));
                }
            }

            var lexical = take == 0 ? [] : _lexical.Score(query.Text, slot => slot < count && eligible[slot]);
            return Merge(vectorHeap, lexical, take);
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

    private List<SearchCandidate> Merge(PriorityQueue<int, (float Score, int Slot)> vectorHeap, Dictionary<int, double> lexical, int take)
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
            candidates[slot] = new SearchCandidate(_records[slot]!, score, i + 1, null, null);
        }

        for (var i = 0; i < byLexical.Count; i++)
        {
            var (slot, score) = byLexical[i];
            candidates[slot] = candidates.TryGetValue(slot, out var existing)
                ? existing with { LexicalScore = score, LexicalRank = i + 1 }
                : new SearchCandidate(_records[slot]!, null, null, score, i + 1);
        }

        return candidates.Values
            .OrderBy(c => Math.Min(c.VectorRank ?? int.MaxValue, c.LexicalRank ?? int.MaxValue))
            .ThenBy(c => c.Memory.Id, StringComparer.Ordinal)
            .ToList();
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
