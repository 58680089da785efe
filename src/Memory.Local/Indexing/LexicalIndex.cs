using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Text;
using MemoryFunctions.Local.Indexing.Vectors;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// Okapi BM25 over one partition (k1 = 1.2, b = 0.75, see <see cref="LexicalTerm"/>), with fields weighted as in BM25F: a memory's text, and for a kept
/// turn its resolved dates (as much as the text) and the words of the turn before it (<see cref="PrecedingWeight"/>).
/// A turn's speaker is indexed under keys of its own, so the index knows who speaks in the partition: a query word that
/// is such a name selects whose turns count (Core's ranking favours them, see <c>QueryFocus</c>) and is not matched in
/// the text of turns at all — not in the other speaker's turns that merely address them ("Thanks, Sam!"), and not as a
/// word every one of the person's own turns would share; memories without a speaker (facts, which name people in their
/// text) still match the name in their text.
/// Postings hold slot numbers rather than ids so that a posting costs 8 bytes, in slot order so that a search can skip
/// through the long lists of common words (<see cref="MaxScore"/>); corpus statistics (N, average length, df) cover the
/// whole partition, not just the filtered subset. Not thread-safe: <see cref="PartitionIndex"/> serialises access.
/// </summary>
internal sealed class LexicalIndex
{
    /// <summary>The preceding turn's words count half: they say what a reply is about, not what it says.</summary>
    public const float PrecedingWeight = 0.5f;

    /// <summary>Speaker postings live under their own keys, which no text term can spell (terms are letters and digits).</summary>
    private const string SpeakerKey = "\u0001";

    private static readonly PostingList Empty = new();

    private readonly Dictionary<string, PostingList> _postings = new(StringComparer.Ordinal);
    private float[] _lengths = new float[16];
    private bool[] _spoken = new bool[16];
    private double _totalLength;
    private int _documents;

    public void Add(int slot, string text) => Add(slot, Fields(text, null, null, null));

    public void Add(int slot, MemoryRecord memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        Add(slot, Fields(memory));
    }

    public void Remove(int slot, MemoryRecord memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        _totalLength -= _lengths[slot];
        _lengths[slot] = 0;
        _spoken[slot] = false;
        _documents--;
        foreach (var term in Fields(memory).Frequencies.Keys)
        {
            if (_postings.TryGetValue(term, out var list))
            {
                list.Remove(slot);
                if (list.Count == 0)
                {
                    _postings.Remove(term);
                }
            }
        }
    }

    /// <summary>
    /// The best <paramref name="take"/> eligible slots by BM25, best first (higher score, then the lower id by
    /// <paramref name="idOf"/>, ordinal), and the query's own maximum: the score of a text of average length containing
    /// each query term once, i.e. the sum of the query terms' IDFs (a term no memory contains counts with the IDF of a
    /// term seen nowhere). Ranking divides by it, so a candidate that matches one common word of a question is not taken
    /// for a full match just because nothing matched better. <paramref name="eligible"/> null lets every slot through.
    /// </summary>
    public LexicalTop Search(string query, SlotBitmap? eligible, int take, Func<int, string> idOf)
    {
        var terms = new List<LexicalTerm>();
        var maximum = 0.0;
        if (_documents == 0)
        {
            return new LexicalTop([], maximum);
        }

        var averageLength = Math.Max(1.0, _totalLength / _documents);
        foreach (var term in TextTokenizer.Terms(query).Distinct(StringComparer.Ordinal))
        {
            var postings = Matching(term);
            if (postings.Count == 0 && _postings.ContainsKey(SpeakerKey + term))
            {
                // A name that selects whose turns count, matched by no fact: it adds nothing to any text's score or to the maximum.
                continue;
            }

            var idf = Math.Log(1 + ((_documents - postings.Count + 0.5) / (postings.Count + 0.5)));
            maximum += idf;
            if (postings.Count > 0)
            {
                terms.Add(new LexicalTerm(postings, idf, terms.Count, averageLength, _lengths));
            }
        }

        return new LexicalTop(take == 0 || terms.Count == 0 ? [] : MaxScore.Top(terms, eligible, take, idOf), maximum);
    }

    /// <summary>The postings a query term matches: for the name of someone who speaks here, only the memories without a speaker that name them.</summary>
    private PostingList Matching(string term)
    {
        var inText = _postings.GetValueOrDefault(term) ?? Empty;
        return _postings.ContainsKey(SpeakerKey + term) ? inText.Where(slot => !_spoken[slot]) : inText;
    }

    private void Add(int slot, (Dictionary<string, float> Frequencies, float Length, bool Spoken) fields)
    {
        if (slot >= _lengths.Length)
        {
            Array.Resize(ref _lengths, Math.Max(slot + 1, _lengths.Length * 2));
            Array.Resize(ref _spoken, _lengths.Length);
        }

        _lengths[slot] = fields.Length;
        _spoken[slot] = fields.Spoken;
        _totalLength += fields.Length;
        _documents++;
        foreach (var (term, frequency) in fields.Frequencies)
        {
            if (!_postings.TryGetValue(term, out var list))
            {
                list = new PostingList();
                _postings.Add(term, list);
            }

            list.Add(slot, frequency, fields.Length);
        }
    }

    private static (Dictionary<string, float> Frequencies, float Length, bool Spoken) Fields(MemoryRecord memory) =>
        Fields(memory.Text, memory.ResolvedDates, memory.PrecedingText, memory.Kind == MemoryKind.Turn ? memory.Speaker : null);

    /// <summary>Weighted term frequencies and length over the fields (BM25F), plus the speaker's name under its own keys.</summary>
    private static (Dictionary<string, float> Frequencies, float Length, bool Spoken) Fields(string text, string? resolvedDates, string? preceding, string? speaker)
    {
        var frequencies = new Dictionary<string, float>(StringComparer.Ordinal);
        var length = 0f;
        foreach (var (field, weight) in new[] { (text, 1f), (resolvedDates, 1f), (preceding, PrecedingWeight) })
        {
            foreach (var term in field is null ? [] : TextTokenizer.Terms(field))
            {
                frequencies[term] = frequencies.GetValueOrDefault(term) + weight;
                length += weight;
            }
        }

        var spoken = false;
        foreach (var name in speaker is null ? [] : TextTokenizer.Terms(speaker).Distinct(StringComparer.Ordinal))
        {
            frequencies[SpeakerKey + name] = 1;
            spoken = true;
        }

        return (frequencies, length, spoken);
    }
}
