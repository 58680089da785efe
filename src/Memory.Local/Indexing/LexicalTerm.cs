namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// One query term during a search: its postings with a cursor, its IDF, and the most any one posting can add to a
/// text's score (<see cref="Bound"/>), so <see cref="MaxScore"/> can tell when the term cannot lift a text into the top.
/// </summary>
internal sealed class LexicalTerm
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly PostingList _postings;
    private readonly double _idf;
    private readonly double _averageLength;
    private readonly float[] _lengths;
    private int _position;

    public LexicalTerm(PostingList postings, double idf, int queryOrder, double averageLength, float[] lengths)
    {
        _postings = postings;
        _idf = idf;
        _averageLength = averageLength;
        _lengths = lengths;
        QueryOrder = queryOrder;

        // BM25's term weight grows with the frequency and shrinks with the text's length: the largest frequency in the
        // list over the shortest text in it is at least what any posting scores.
        Bound = Weight(postings.MaxFrequency, postings.MinLength);
    }

    /// <summary>Where the term stands among the query's terms: scores are summed in this order, as they always were.</summary>
    public int QueryOrder { get; }

    public double Bound { get; }

    /// <summary>The slot under the cursor, or <see cref="int.MaxValue"/> once the list is done.</summary>
    public int Current => _position < _postings.Count ? _postings.Slot(_position) : int.MaxValue;

    /// <summary>The BM25 contribution of the posting under the cursor.</summary>
    public double Score => Weight(_postings.Frequency(_position), _lengths[_postings.Slot(_position)]);

    public void Next() => _position++;

    /// <summary>Moves the cursor to the first slot at or after <paramref name="slot"/>.</summary>
    public void SeekTo(int slot) => _position = _postings.Seek(_position, slot);

    private double Weight(double frequency, double length)
    {
        var norm = K1 * (1 - B + (B * length / _averageLength));
        return _idf * frequency * (K1 + 1) / (frequency + norm);
    }
}
