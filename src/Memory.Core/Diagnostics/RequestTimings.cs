using System.Diagnostics;

namespace MemoryFunctions.Core.Diagnostics;

/// <summary>
/// Where one request's time went, phase by phase, for a host that reports it (the HTTP search answers with a
/// <c>Server-Timing</c> header). The host starts one for the request; the code doing the work adds to the current one
/// through <see cref="Measure"/>, which costs nothing when no request asked. Safe across threads.
/// </summary>
public sealed class RequestTimings
{
    private static readonly AsyncLocal<RequestTimings?> Ambient = new();
    private readonly long[] _ticks = new long[Enum.GetValues<RequestPhase>().Length];

    /// <summary>A new set of timings, current for the calling flow and the calls it awaits.</summary>
    public static RequestTimings Start() => Ambient.Value = new RequestTimings();

    /// <summary>Times <paramref name="phase"/> until the scope is disposed, adding to the current timings if there are any.</summary>
    public static Scope Measure(RequestPhase phase) => new(Ambient.Value, phase);

    public TimeSpan this[RequestPhase phase] => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)phase]));

    private void Add(RequestPhase phase, long ticks) => Interlocked.Add(ref _ticks[(int)phase], ticks);

    public readonly struct Scope : IDisposable
    {
        private readonly RequestTimings? _timings;
        private readonly RequestPhase _phase;
        private readonly long _started;

        internal Scope(RequestTimings? timings, RequestPhase phase)
        {
            _timings = timings;
            _phase = phase;
            _started = timings is null ? 0 : Stopwatch.GetTimestamp();
        }

        public void Dispose() => _timings?.Add(_phase, Stopwatch.GetTimestamp() - _started);
    }
}
