using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Who and when a query is about, read from its words: the participants of the conversation it names (speakers of the
/// candidates whose every name word is in the query) and the calendar times it names (<see cref="NamedTimes"/>, relative
/// ones read at the query's as-of time). Ranking then favours those participants' own turns over turns that merely
/// address them, and memories of those times (their event time, or a date a turn said). Where a memory's speaker is not
/// known (a client that sent no names, a memory written directly), a text that addresses the people the query names by
/// name (<see cref="Vocatives"/>: "Thanks, Sam!") is taken for someone else's words: <see cref="Addressees"/>.
/// </summary>
public sealed record QueryFocus(IReadOnlyList<string> Speakers, IReadOnlyList<NamedTime> Times, IReadOnlyList<string> Addressees)
{
    public static QueryFocus None { get; } = new([], [], []);

    /// <summary>The people the query names, as <c>explain</c> shows them: known speakers, and names that texts without a speaker address.</summary>
    public IReadOnlyList<string> People { get; } = [.. Speakers.Union(Addressees, StringComparer.OrdinalIgnoreCase)];

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
        var unspoken = candidates.Where(candidate => candidate.Memory.Speaker is null).Select(candidate => Vocatives.Addressed(candidate.Memory.Text)).ToList();
        var addressees = Vocatives.CapitalisedWords(query).Where(name => unspoken.Exists(names => names.Contains(name))).ToList();
        return new QueryFocus(speakers, NamedTimes.Find(query, at), addressees);
    }

    /// <summary>
    /// The query without the names of the people it names (and their possessive "'s"), for the vector channel: null when
    /// it names nobody, or nothing else is left.
    /// </summary>
    public string? WithoutPeople(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var names = People.SelectMany(TextTokenizer.Words).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.Count == 0)
        {
            return null;
        }

        var kept = new System.Text.StringBuilder(query.Length);
        for (var i = 0; i < query.Length;)
        {
            var end = i;
            while (end < query.Length && char.IsLetterOrDigit(query[end]))
            {
                end++;
            }

            if (end == i)
            {
                kept.Append(query[i++]);
                continue;
            }

            if (names.Contains(query[i..end]))
            {
                var possessive = end + 1 < query.Length && query[end] is '\'' or '\u2019' && query[end + 1] is 's' or 'S'
                    && (end + 2 == query.Length || !char.IsLetterOrDigit(query[end + 2]));
                end += possessive ? 2 : 0;
            }
            else
            {
                kept.Append(query, i, end - i);
            }

            i = end;
        }

        var rest = string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return TextTokenizer.Words(rest).Any() && rest != query ? rest : null;
    }

    /// <summary>1, or 1 − <paramref name="weight"/> for <see cref="IsSomeoneElses">someone else's words</see>.</summary>
    public double SpeakerFactor(MemoryRecord memory, double weight) => IsSomeoneElses(memory) ? 1 - weight : 1;

    /// <summary>
    /// Someone else's words speaking to a person the query names ("Maya, that is brilliant!" for "Where did Maya travel?").
    /// Such a turn's embedding is drawn to the name it says, not to what the query asks, so ranking does not count its
    /// vector similarity; its words still count.
    /// </summary>
    public bool SpeaksToNamedPerson(MemoryRecord memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return People.Count > 0 && IsSomeoneElses(memory) && Vocatives.Addressed(memory.Text).Any(name => People.Contains(name, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A turn said by someone other than the participants the query names, or a memory without a speaker that addresses
    /// every one of the <see cref="Addressees"/> (so is said to them, not by them).
    /// </summary>
    private bool IsSomeoneElses(MemoryRecord memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (memory.Speaker is null)
        {
            return Addressees.Count > 0 && Vocatives.Addressed(memory.Text) is var names && Addressees.All(names.Contains);
        }

        return Speakers.Count > 0 && memory.Kind == MemoryKind.Turn && !Speakers.Contains(memory.Speaker, StringComparer.OrdinalIgnoreCase);
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
