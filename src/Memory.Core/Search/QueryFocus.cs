using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// Who and when a query is about, read from its words: the participants of the conversation it names (speakers of the
/// candidates, by <see cref="ParticipantNames">their full name, or their first name written capitalised when only they
/// have it</see>: "Sam" for Sam Lee) and the calendar times it names (<see cref="NamedTimes"/>, relative ones read at the
/// query's as-of time). Ranking then favours those participants' own turns over turns that merely
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
        var words = NameMentions.In(query);
        var participants = candidates.Select(candidate => candidate.Memory.Speaker).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var firstNames = ParticipantNames.Capitalised(query);
        var speakers = NamesOf(participants).NamedBy(words.Contains, word => words.Contains(word) && firstNames.Contains(word))
            .Select(i => participants[i]).Order(StringComparer.Ordinal).ToList();
        // Reading every text without a speaker for the names it addresses is the costly part: only when the query has a name to look for.
        var capitalised = Vocatives.CapitalisedWords(query);
        var unspoken = capitalised.Count == 0 ? [] : candidates.Where(candidate => candidate.Memory.Speaker is null).Select(candidate => TextReading.Of(candidate.Memory.Text).Addressed).ToList();
        var addressees = capitalised.Where(name => unspoken.Exists(names => names.Contains(name))).ToList();
        var others = participants.Except(speakers, StringComparer.OrdinalIgnoreCase);
        return new QueryFocus(speakers, NamedTimes.Find(query, at), addressees) { Others = [.. others.Order(StringComparer.Ordinal)] };
    }

    /// <summary>The participants among the candidates' speakers whom the query does not name.</summary>
    public IReadOnlyList<string> Others { get; init; } = [];

    /// <summary>The words of the named people's names: a text that addresses one of them by a part of it ("Sam, …" for Sam Lee) speaks to them.</summary>
    private HashSet<string> PeopleWords { get; } = [.. Speakers.Union(Addressees, StringComparer.OrdinalIgnoreCase).SelectMany(TextTokenizer.Words)];

    /// <summary>
    /// The participants, named and not (<see cref="Speakers"/> then <see cref="Others"/>), for telling which ones a fact
    /// names: made at the first fact read (after <see cref="Others"/> is set), once per search.
    /// </summary>
    private ParticipantNames Participants => _participants ??= NamesOf([.. Speakers, .. Others]);

    // Derived state, like People: nothing copies a focus with `with` or compares two, which would carry or compare it stale.
    private ParticipantNames? _participants;

    /// <summary>
    /// The query without the names of the people it names, as far as it says them as names (and their possessive "'s"), for
    /// the vector channel: null when it names nobody, or nothing else is left. "Which park did Sam visit?" naming Sam Park
    /// keeps "park".
    /// </summary>
    public string? WithoutPeople(string query) => Without(query, People);

    /// <summary>
    /// The query's words without the names of the participants it names, for the lexical channel: null when it names
    /// none, or nothing else is left. Such a name selects whose memories count (<see cref="Speaker"/>); as a word it
    /// would match every fact that names the person ("Priya ran the 10k") whatever the question asks about her. A name
    /// that only texts without a speaker address stays a word: without speakers, it is what tells the people's facts apart.
    /// </summary>
    public string? WithoutSpeakers(string words) => Without(words, Speakers);

    /// <summary>
    /// Whether this focus has the store asked what <paramref name="other"/> has it asked (the same query and words without
    /// the same names): a hint of who a query names, confirmed by the candidates it brought, however each wrote the names.
    /// </summary>
    public bool AsksAs(QueryFocus other, string query, string words)
    {
        ArgumentNullException.ThrowIfNull(other);
        return WithoutPeople(query) == other.WithoutPeople(query) && WithoutSpeakers(words) == other.WithoutSpeakers(words);
    }

    private static string? Without(string query, IReadOnlyList<string> people)
    {
        ArgumentNullException.ThrowIfNull(query);
        var mentions = NameMentions.In(query);
        var names = people.SelectMany(TextTokenizer.Words).Where(mentions.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase);
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

    /// <summary>
    /// How the people the query names bear on <paramref name="memory"/>, reading it once:
    /// <list type="bullet">
    /// <item><see cref="SpeakerReading.SpeaksToNamedPerson"/>: someone else's words speaking to a person the query names
    /// ("Maya, that is brilliant!" for "Where did Maya travel?"). Such a turn's embedding is drawn to the name it says, not
    /// to what the query asks, so ranking does not count its vector similarity; its words still count.</item>
    /// <item><see cref="SpeakerReading.Factor"/>: 1, or 1 − <paramref name="weight"/> for a memory that is not about the people
    /// the query names: <see cref="IsSomeoneElses">someone else's words or a fact about someone else</see>, or their own words
    /// <see cref="AsksAfterSomeoneElse">asking after someone else</see>.</item>
    /// </list>
    /// </summary>
    public SpeakerReading Speaker(MemoryRecord memory, double weight)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var someoneElses = IsSomeoneElses(memory);
        var speaksToNamedPerson = People.Count > 0 && someoneElses
            && TextReading.Of(memory.Text).Addressed.Any(IsNamedPerson);
        return new SpeakerReading(speaksToNamedPerson, someoneElses || AsksAfterSomeoneElse(memory) ? 1 - weight : 1);
    }

    /// <summary>
    /// A turn said by someone other than the participants the query names, a fact that <see cref="NamesOnlyOthers">names
    /// only other participants</see>, or a memory without a speaker that addresses every one of the <see cref="Addressees"/>
    /// (so is said to them, not by them).
    /// </summary>
    private bool IsSomeoneElses(MemoryRecord memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (memory.Speaker is null && memory.Kind != MemoryKind.Turn && Speakers.Count > 0)
        {
            return NamesOnlyOthers(memory.Text);
        }

        if (memory.Speaker is null)
        {
            return Addressees.Count > 0 && TextReading.Of(memory.Text).Addressed is var names && Addressees.All(names.Contains);
        }

        return Speakers.Count > 0 && memory.Kind == MemoryKind.Turn && !Speakers.Contains(memory.Speaker, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A turn of a person the query names that speaks to someone else by name about them ("Elena, is the course still two
    /// evenings a week?", "Proud of you for doing that course, Elena!"): a sentence that addresses someone else by name and
    /// asks, or speaks to "you". It shares the query's topic and its speaker, but it is about the person addressed. A turn
    /// that only greets someone on the way to the speaker's own news ("Tom, I went for a long walk by the river. Did you
    /// see the game?") is still the speaker's own: the question is not in the sentence that names Tom.
    /// </summary>
    private bool AsksAfterSomeoneElse(MemoryRecord memory) =>
        Speakers.Count > 0 && memory.Kind == MemoryKind.Turn && memory.Speaker is { } speaker && Speakers.Contains(speaker, StringComparer.OrdinalIgnoreCase)
        && TextReading.Of(memory.Text) is var reading
        && reading.Addressed.Any(IsSomeoneElse)
        && reading.AskedAfter.Any(IsSomeoneElse);

    private bool IsSomeoneElse(string name) => !IsNamedPerson(name);

    /// <summary>A name (as a text addresses someone) of one of the people the query names: "Sam" or "Sam Lee" for Sam Lee.</summary>
    private bool IsNamedPerson(string name) => TextTokenizer.Words(name).ToList() is { Count: > 0 } words && words.All(PeopleWords.Contains);

    /// <summary>A statement (a fact, not a turn) that names another participant and none the query names: "Jonas works at Orchard Labs" for "Where does Priya work?".</summary>
    private bool NamesOnlyOthers(string text)
    {
        var words = TextTokenizer.Words(text).ToHashSet(StringComparer.Ordinal);
        var firstNames = ParticipantNames.Capitalised(text);
        var named = Participants.NamedBy(words.Contains, firstNames.Contains).ToList();
        return named.Exists(i => i >= Speakers.Count) && !named.Exists(i => i < Speakers.Count);
    }

    private static ParticipantNames NamesOf(IReadOnlyList<string> participants) =>
        new([.. participants.Select(name => (IReadOnlyList<string>)[.. TextTokenizer.Words(name)])]);

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
            || (memory.ResolvedDates is { } said && TextReading.Of(said).Times.Any(mentioned => Times.Any(mentioned.Overlaps)));
    }
}
