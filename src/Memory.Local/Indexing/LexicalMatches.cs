using System.Buffers;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// The BM25 scores of one query: a dense accumulator over the partition's slots (rented, so a search allocates no
/// per-match dictionary entry) and the slots it touched, in the order first matched. At 100k memories a common query
/// word matches tens of thousands of them; ranking them all was most of a store search's CPU (docs/performance.md,
/// "Approximate vector index"), so <see cref="Top"/> keeps only the best few.
/// </summary>
internal sealed class LexicalMatches : IDisposable
{
    private double[]? _scores;

    public LexicalMatches(int slots, double maximum)
    {
        _scores = ArrayPool<double>.Shared.Rent(Math.Max(1, slots));
        Array.Clear(_scores, 0, Math.Max(1, slots));
        Maximum = maximum;
    }

    /// <summary>Every slot with a score, in the order it was first matched.</summary>
    public List<int> Slots { get; } = [];

    /// <summary>What a text of average length holding every query term once would score (see <see cref="LexicalIndex.Score"/>).</summary>
    public double Maximum { get; set; }

    public double this[int slot] => Scores[slot];

    private double[] Scores => _scores ?? throw new ObjectDisposedException(nameof(LexicalMatches));

    /// <summary>Adds one term's contribution (always positive: BM25's IDF and a posting's frequency are).</summary>
    public void Add(int slot, double contribution)
    {
        var scores = Scores;
        if (scores[slot] == 0)
        {
            Slots.Add(slot);
        }

        scores[slot] += contribution;
    }

    /// <summary>
    /// The best <paramref name="take"/> slots, best first: higher score, then the lower <paramref name="idOf"/> (ordinal) —
    /// the order a full sort by score and id gives, without sorting every match.
    /// </summary>
    public List<(int Slot, double Score)> Top(int take, Func<int, string> idOf)
    {
        // A heap whose top is the worst kept: lowest score, then the highest id.
        var worstFirst = Comparer<(double Score, string Id)>.Create((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(b.Id, a.Id));
        var kept = new PriorityQueue<int, (double Score, string Id)>(take + 1, worstFirst);
        foreach (var slot in Slots)
        {
            var key = (Scores[slot], idOf(slot));
            if (kept.Count < take)
            {
                kept.Enqueue(slot, key);
            }
            else if (take > 0 && kept.TryPeek(out _, out var worst) && worstFirst.Compare(key, worst) > 0)
            {
                kept.DequeueEnqueue(slot, key);
            }
        }

        var best = new List<(int Slot, double Score)>(kept.Count);
        while (kept.TryDequeue(out var slot, out var key))
        {
            best.Add((slot, key.Score));
        }

        best.Reverse();
        return best;
    }

    public void Dispose()
    {
        if (_scores is not null)
        {
            ArrayPool<double>.Shared.Return(_scores);
            _scores = null;
        }
    }
}
