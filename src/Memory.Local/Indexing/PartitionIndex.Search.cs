using System.Numerics;
using System.Numerics.Tensors;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Text;
using MemoryFunctions.Local.Indexing.Vectors;

namespace MemoryFunctions.Local.Indexing;

internal sealed partial class PartitionIndex
{
    /// <summary>Below this many slots a parallel scan costs more in coordination than it saves.</summary>
    private const int ParallelScanThreshold = 4096;
    private const int MaxScanWorkers = 8;

    /// <summary>
    /// The approximate index answers only when the filter lets through at least this share of what it holds (and at least
    /// the threshold's count): a graph walk that must skip most of what it meets loses recall, and a selective filter
    /// leaves few enough vectors for the exact scan to be fast anyway.
    /// </summary>
    private const int ApproximateMinimumSharePercent = 20;

    /// <summary>
    /// Vector search plus BM25, both over memories matching the filter; returns the union of each channel's top
    /// <see cref="MemorySearchQuery.CandidateCount"/> with 1-based ranks. Stored vectors are unit length, so a dot product
    /// divided by the query's norm is the cosine. The vector channel is exact unless the partition has an approximate
    /// index and the filter is broad (see <see cref="ApproximateMinimumSharePercent"/>); either way its scores are exact.
    /// A partition loaded without its lexical index gets it first (<see cref="EnsureLexicalIndex()"/>): never a partial answer.
    /// </summary>
    public List<SearchCandidate> Search(MemorySearchQuery query, SearchPhaseTimes? times = null)
    {
        var take = Math.Max(0, query.CandidateCount);
        var vector = query.Vector;
        var queryNorm = vector.Length == 0 ? 0f : TensorPrimitives.Norm(vector);
        if (!HasLexicalIndex && TextTokenizer.Terms(query.Text).Any())
        {
            // A query without terms gets nothing from the lexical channel, built or not: only one with terms waits.
            EnsureLexicalIndex();
        }

        _lock.EnterReadLock();
        try
        {
            times?.Start();
            var eligible = _columns.Evaluate(query.Filter, _highWater, _records);
            times?.FilterDone();
            var byVector = take == 0 || queryNorm == 0 ? [] : NearestSlots(vector, take, eligible);
            times?.VectorDone();
            var lexical = _lexical.Search(query.Text, eligible, take, slot => _records[slot]!.Id);
            times?.LexicalDone();
            var candidates = Merge(byVector, queryNorm, lexical.Best, lexical.Maximum, vector, query.WithVectors);
            times?.AttachDone();
            return candidates;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The vector channel's best <paramref name="take"/> slots with their dot products, best first.</summary>
    private List<(int Slot, float Score)> NearestSlots(float[] vector, int take, SlotBitmap eligible)
    {
        if (_approximate is { } approximate && approximate.Dimensions == vector.Length && _builder is not null
            && eligible.Count >= _builder.Threshold && eligible.Count * 100L >= approximate.Count * (long)ApproximateMinimumSharePercent)
        {
            var slots = new int[take];
            var found = approximate.Search(vector, LetsThroughEveryIndexed(eligible, approximate.Count) ? null : eligible, slots);
            if (found >= Math.Min(take, eligible.Count))
            {
                var top = new TopSlots(found);
                for (var i = 0; i < found; i++)
                {
                    top.Offer(TensorPrimitives.Dot(vector, _vectors.Get(slots[i])), slots[i]);
                }

                return top.Sorted();
            }
        }

        return vector.Length == _vectors.Dimensions ? ScanBlock(vector, take, eligible) : ScanRecords(vector, take, eligible);
    }

    /// <summary>
    /// Whether the filter lets through every vector of the approximate index: it holds the block's vectors, so when it
    /// holds as many as the block and the filter lets all of the block's through, nothing in it needs asking about.
    /// </summary>
    private bool LetsThroughEveryIndexed(SlotBitmap eligible, int indexed)
    {
        var (present, eligiblePresent) = (0, 0);
        for (var word = 0; word < (_highWater + 63) >> 6; word++)
        {
            present += BitOperations.PopCount(_vectors.PresentWord(word));
            eligiblePresent += BitOperations.PopCount(eligible.Words[word] & _vectors.PresentWord(word));
        }

        return present == indexed && eligiblePresent == present;
    }

    /// <summary>Exact: every eligible vector of the block, a word of the bitmap at a time; large partitions on every core.</summary>
    private List<(int Slot, float Score)> ScanBlock(float[] vector, int take, SlotBitmap eligible)
    {
        var words = (_highWater + 63) >> 6;
        if (_highWater < ParallelScanThreshold || Environment.ProcessorCount == 1)
        {
            return ScanWords(vector, take, eligible, 0, words).Sorted();
        }

        // One range of whole words per core, each with its own top-k, merged after. The caller holds the read lock for all
        // of them, so the log loop cannot change the slots meanwhile.
        var workers = Math.Min(Environment.ProcessorCount, MaxScanWorkers);
        var tops = new TopSlots[workers];
        var chunk = (words + workers - 1) / workers;
        Parallel.For(0, workers, worker => tops[worker] = ScanWords(vector, take, eligible, worker * chunk, Math.Min(words, (worker + 1) * chunk)));
        for (var worker = 1; worker < workers; worker++)
        {
            tops[0].Merge(tops[worker]);
        }

        return tops[0].Sorted();
    }

    private TopSlots ScanWords(float[] vector, int take, SlotBitmap eligible, int fromWord, int toWord)
    {
        var top = new TopSlots(take);
        var dimensions = _vectors.Dimensions;
        var bitmap = eligible.Words;
        for (var word = fromWord; word < toWord; word++)
        {
            var bits = bitmap[word] & _vectors.PresentWord(word);
            while (bits != 0)
            {
                var slot = (word << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var chunk = _vectors.Chunk(slot >> VectorBlock.ChunkShift);
                var score = TensorPrimitives.Dot(vector, new ReadOnlySpan<float>(chunk, (slot & (VectorBlock.ChunkSlots - 1)) * dimensions, dimensions));
                if (!top.IsFull || score > top.Worst)
                {
                    top.Offer(score, slot);
                }
            }
        }

        return top;
    }

    /// <summary>A query whose length differs from the block's: only records that kept their own vector (another model's) can match.</summary>
    private List<(int Slot, float Score)> ScanRecords(float[] vector, int take, SlotBitmap eligible)
    {
        var top = new TopSlots(take);
        for (var slot = 0; slot < _highWater; slot++)
        {
            if (eligible.IsSet(slot) && _records[slot] is { } memory && memory.Embedding.Length == vector.Length)
            {
                top.Offer(TensorPrimitives.Dot(vector, memory.Embedding), slot);
            }
        }

        return top.Sorted();
    }

    /// <summary>
    /// Both channels' candidates, best rank first. Without <paramref name="withVectors"/> a candidate is the record as held, without
    /// a copy of its vector (about 1.5 KB each, some 70 a search, that a ranked search never reads).
    /// </summary>
    private List<SearchCandidate> Merge(
        List<(int Slot, float Score)> byVector, float queryNorm, List<(int Slot, double Score)> byLexical, double lexicalMaximum, float[] vector, bool withVectors)
    {
        MemoryRecord Record(int slot) => withVectors ? Materialize(slot)! : _records[slot]!;

        var candidates = new Dictionary<int, SearchCandidate>(byVector.Count + byLexical.Count);
        for (var i = 0; i < byVector.Count; i++)
        {
            var (slot, dot) = byVector[i];
            candidates[slot] = new SearchCandidate(Record(slot), dot / queryNorm, i + 1, null, null, lexicalMaximum);
        }

        for (var i = 0; i < byLexical.Count; i++)
        {
            var (slot, score) = byLexical[i];
            candidates[slot] = candidates.TryGetValue(slot, out var existing)
                ? existing with { LexicalScore = score, LexicalRank = i + 1 }
                : new SearchCandidate(Record(slot), Cosine(vector, queryNorm, slot), null, score, i + 1, lexicalMaximum);
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
    private double? Cosine(float[] vector, float queryNorm, int slot)
    {
        var stored = _vectors.Has(slot) ? _vectors.Get(slot) : _records[slot]!.Embedding;
        return queryNorm > 0 && stored.Length == vector.Length ? TensorPrimitives.Dot(vector, stored) / queryNorm : null;
    }
}
