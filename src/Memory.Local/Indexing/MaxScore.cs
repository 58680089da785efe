using MemoryFunctions.Local.Indexing.Vectors;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// The top k of a BM25 query without scoring every text a common word matches: MaxScore (Turtle and Flood, 1995), as
/// Lucene runs disjunctions. Texts are visited in slot order. Once k texts are held, the lowest of them is a threshold;
/// the terms whose bounds add up to less than it cannot lift a text into the top on their own, so they stop proposing
/// texts (only the other terms' lists are walked) and are looked up, by skipping ahead in their lists, only for texts the
/// rarer terms found and only while the text could still reach the threshold. The result is exactly the top k of
/// scoring every match: same texts, same scores (each text's contributions are summed in query order, as before), ties
/// broken by id. At 100k memories the words most sentences share ("work", "friend") have tens of thousands of
/// postings, and walking them was most of a store search's CPU (docs/performance.md, "Approximate vector index").
/// </summary>
internal static class MaxScore
{
    /// <summary>
    /// How much a bound must fall below the threshold before it excludes a text: a bound and a score are summed in
    /// different orders, so they may differ in the last bits, and a text that ties the threshold may still win on its id.
    /// </summary>
    private const double Margin = 1e-9;

    public static List<(int Slot, double Score)> Top(List<LexicalTerm> terms, SlotBitmap? eligible, int take, Func<int, string> idOf)
    {
        // Ascending bounds: the first `essential` terms together cannot reach the threshold (bounds[i] = sum of the first i).
        terms.Sort((a, b) => a.Bound.CompareTo(b.Bound));
        var bounds = new double[terms.Count + 1];
        for (var i = 0; i < terms.Count; i++)
        {
            bounds[i + 1] = bounds[i] + terms[i].Bound;
        }

        var worstFirst = Comparer<(double Score, string Id)>.Create((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(b.Id, a.Id));
        var kept = new PriorityQueue<int, (double Score, string Id)>(take + 1, worstFirst);
        var contributions = new double[terms.Count];
        var threshold = double.NegativeInfinity;
        var essential = 0;
        while (essential < terms.Count)
        {
            var slot = int.MaxValue;
            for (var i = essential; i < terms.Count; i++)
            {
                slot = Math.Min(slot, terms[i].Current);
            }

            if (slot == int.MaxValue)
            {
                break;
            }

            var reachable = eligible is null || eligible.IsSet(slot);
            var score = 0.0;
            for (var i = essential; i < terms.Count; i++)
            {
                if (terms[i].Current == slot)
                {
                    if (reachable)
                    {
                        score += contributions[terms[i].QueryOrder] = terms[i].Score;
                    }

                    terms[i].Next();
                }
            }

            for (var i = essential - 1; i >= 0 && reachable; i--)
            {
                if (score + bounds[i + 1] < threshold - Margin)
                {
                    reachable = false;
                    break;
                }

                terms[i].SeekTo(slot);
                if (terms[i].Current == slot)
                {
                    score += contributions[terms[i].QueryOrder] = terms[i].Score;
                }
            }

            if (reachable)
            {
                var key = (Sum(contributions), idOf(slot));
                if (kept.Count < take)
                {
                    kept.Enqueue(slot, key);
                }
                else if (kept.TryPeek(out _, out var worst) && worstFirst.Compare(key, worst) > 0)
                {
                    kept.DequeueEnqueue(slot, key);
                }

                if (kept.Count == take && kept.TryPeek(out _, out var lowest))
                {
                    threshold = lowest.Score;
                    while (essential < terms.Count && bounds[essential + 1] < threshold - Margin)
                    {
                        essential++;
                    }
                }
            }

            Array.Clear(contributions);
        }

        var best = new List<(int Slot, double Score)>(kept.Count);
        while (kept.TryDequeue(out var slot, out var key))
        {
            best.Add((slot, key.Score));
        }

        best.Reverse();
        return best;
    }

    /// <summary>A text's score: its terms' contributions added in query order (an absent term adds an exact zero).</summary>
    private static double Sum(double[] contributions)
    {
        var sum = 0.0;
        foreach (var contribution in contributions)
        {
            sum += contribution;
        }

        return sum;
    }
}
