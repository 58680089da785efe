using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Who and when a query is about, read from its words: the participants of the conversation it names (speakers of the
/// candidates whose every name word is in the query) and the calendar times it names (<see cref="NamedTimes"/>, relative
/// ones read at the query's as-of time). Ranking then favours those participants' own turns over turns that merely
/// address them, and memories of those times (their event time, or a date a turn said).
/// </summary>
public sealed record QueryFocus(IReadOnlyList<string> Speakers, IReadOnlyList<NamedTime> Times)
{
    public static QueryFocus None { get; } = new([], []);

    /// <summary>The named times as <c>explain</c> shows them.</summary>
    public IReadOnlyList<string> TimeNames { get; } = [.. Times.Select(time => time.ToString())];

    public static QueryFocus Of(string query, IEnumerable<SearchCandidate> candidates, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidates);
        var words = TextTokenizer.Words(query).ToHashSet(StringComparer.Ordinal);
        var speakers = candidates
            .Select(candidate => candidate.Memory.Speaker)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(name => TextTokenizer.Words(name).ToList() is { Count: > 0 } parts && parts.All(words.Contains))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new QueryFocus(speakers, NamedTimes.Find(query, at));
    }

    /// <summary>1, or 1 − <paramref name="weight"/> for a turn said by someone other than the participants the query names.</summary>
    public double SpeakerFactor(MemoryRecord memory, double weight)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return Speakers.Count == 0 || memory.Kind != MemoryKind.Turn || memory.Speaker is null || Speakers.Contains(memory.Speaker, StringComparer.OrdinalIgnoreCase)
            ? 1
            : 1 - weight;
    }

    /// <summary>1, or 1 − <paramref name="weight"/> for a memory of none of the times the query names.</summary>
    public double TimeFactor(MemoryRecord memory, double weight)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return Times.Count == 0 || IsOfNamedTime(memory) ? 1 : 1 - weight;
    }

    private bool IsOfNamedTime(MemoryRecord memory)
    {
        var day = DateOnly.FromDateTime(memory.ValidFrom.UtcDateTime);
        return Times.Any(time => time.Covers(day))
            || (memory.ResolvedDates is { } said && NamedTimes.Find(said).Any(mentioned => Times.Any(mentioned.Overlaps)));
    }
}
