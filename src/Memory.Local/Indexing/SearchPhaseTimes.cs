using System.Diagnostics;

namespace MemoryFunctions.Local.Indexing;

/// <summary>
/// Where a partition search's time goes (the approximate-index benchmark's split): the filter pass, the vector channel
/// (graph walk or scan, with exact re-scoring), the lexical channel (BM25) and attaching the candidates (records with
/// their vectors, merged). Summed over the searches it is passed to; not thread-safe. The clock is wall time unless the
/// caller gives another (the benchmark reads the thread's CPU time, which the machine's load does not inflate).
/// </summary>
internal sealed class SearchPhaseTimes(Func<TimeSpan>? clock = null)
{
    private readonly Func<TimeSpan> _clock = clock ?? (() => Stopwatch.GetElapsedTime(0));
    private TimeSpan _last;

    public long Searches { get; private set; }

    public TimeSpan Filter { get; private set; }

    public TimeSpan Vector { get; private set; }

    public TimeSpan Lexical { get; private set; }

    public TimeSpan Attach { get; private set; }

    internal void Start()
    {
        Searches++;
        _last = _clock();
    }

    internal void FilterDone() => Filter += Lap();

    internal void VectorDone() => Vector += Lap();

    internal void LexicalDone() => Lexical += Lap();

    internal void AttachDone() => Attach += Lap();

    private TimeSpan Lap()
    {
        var now = _clock();
        var elapsed = now - _last;
        _last = now;
        return elapsed;
    }
}
