namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// Okapi BM25 over one partition (k1 = 1.2, b = 0.75). Postings hold slot numbers rather than ids so that a posting
/// costs 8 bytes; corpus statistics (N, average length, df) cover the whole partition, not just the filtered subset.
/// Not thread-safe: <see cref="PartitionIndex"/> serialises access.
/// </summary>
internal sealed class LexicalIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, List<Posting>> _postings = new(StringComparer.Ordinal);
    private int[] _lengths = new int[16];
    private long _totalLength;
    private int _documents;

    public void Add(int slot, string text)
    {
        var (frequencies, length) = TextTokenizer.Count(text);
        if (slot >= _lengths.Length)
        {
            Array.Resize(ref _lengths, Math.Max(slot + 1, _lengths.Length * 2));
        }

        _lengths[slot] = length;
        _totalLength += length;
        _documents++;
        foreach (var (term, frequency) in frequencies)
        {
            if (!_postings.TryGetValue(term, out var list))
            {
                list = new List<Posting>(1);
                _postings.Add(term, list);
            }

            list.Add(new Posting(slot, frequency));
        }
    }

    public void Remove(int slot, string text)
    {
        _totalLength -= _lengths[slot];
        _lengths[slot] = 0;
        _documents--;
        foreach (var term in TextTokenizer.Count(text).Frequencies.Keys)
        {
            if (!_postings.TryGetValue(term, out var list))
            {
                continue;
            }

            var index = list.FindIndex(posting => posting.Slot == slot);
            if (index >= 0)
            {
                // Order within a posting list does not matter, so swap-remove keeps removal O(1) after the search.
                list[index] = list[^1];
                list.RemoveAt(list.Count - 1);
            }

            if (list.Count == 0)
            {
                _postings.Remove(term);
            }
        }
    }

    /// <summary>
    /// BM25 score of every eligible slot that contains at least one query term, and the query's own maximum: the score of
    /// a text of average length containing each query term once, i.e. the sum of the query terms' IDFs (a term no memory
    /// contains counts with the IDF of a term seen nowhere). Ranking divides by it, so a candidate that matches one common
    /// word of a question is not taken for a full match just because nothing matched better.
    /// </summary>
    public (Dictionary<int, double> Scores, double Maximum) Score(string query, Func<int, bool> eligible)
    {
        var scores = new Dictionary<int, double>();
        if (_documents == 0)
        {
            return (scores, 0);
        }

        var averageLength = Math.Max(1.0, (double)_totalLength / _documents);
        var maximum = 0.0;
        foreach (var term in TextTokenizer.Terms(query).Distinct(StringComparer.Ordinal))
        {
            var list = _postings.GetValueOrDefault(term);
            var documentFrequency = list?.Count ?? 0;
            var idf = Math.Log(1 + ((_documents - documentFrequency + 0.5) / (documentFrequency + 0.5)));
            maximum += idf;
            foreach (var (slot, frequency) in list ?? [])
            {
                if (!eligible(slot))
                {
                    continue;
                }

                var norm = K1 * (1 - B + (B * _lengths[slot] / averageLength));
                scores[slot] = scores.GetValueOrDefault(slot) + (idf * frequency * (K1 + 1) / (frequency + norm));
            }
        }

        return (scores, maximum);
    }

    private readonly record struct Posting(int Slot, int Frequency);
}
