using System.Diagnostics;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// Where a partition search's time goes (the approximate-index benchmark's split): the filter pass, the vector channel
/// (graph walk or scan, with exact re-scoring), the lexical channel (BM25) and attaching the candidates (records with
/// their vectors, merged). Summed over the searches it is passed to; not thread-safe.
/// </summary>
internal sealed class SearchPhaseTimes
{
    private long _last;

    public long Searches { get; private set; }

    public TimeSpan Filter { get; private set; }

    public TimeSpan Vector { get; private set; }

    public TimeSpan Lexical { get; private set; }

    public TimeSpan Attach { get; private set; }

    internal void Start()
    {
        Searches++;
        _last = Stopwatch.GetTimestamp();
    }

    internal void FilterDone() => Filter += Lap();

    internal void VectorDone() => Vector += Lap();

    internal void LexicalDone() => Lexical += Lap();

    internal void AttachDone() => Attach += Lap();

    private TimeSpan Lap()
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(_last, now);
        _last = now;
        return elapsed;
    }
}
