using System.Runtime.CompilerServices;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Search;

/// <summary>
/// What the query focus reads from one text, read once per text instead of on every search that ranks it (about 70
/// candidates a search, each otherwise scanned once or more): the names the text addresses, the names its sentences that
/// ask or speak to "you" address, and the times it names. Each part depends on the text alone, not on the query.
/// </summary>
/// <remarks>
/// Held beside the string itself (a <see cref="ConditionalWeakTable{TKey, TValue}"/> keyed by reference): a store that
/// keeps its records in memory (the embedded store) hands out the same text instance every time, so each text is read
/// once, and the reading goes at the first garbage collection after the last reference to the text (another cache that
/// holds the same string keeps it that long). A store that reads its records afresh
/// per search (Cosmos DB) adds a table entry per candidate, under the table's lock, for nothing: small beside its round
/// trip. Parts are read on first use; two threads reading the same part at once both compute it and keep either copy,
/// which are equal.
/// </remarks>
internal sealed class TextReading
{
    /// <summary>Words that speak to the listener: a sentence saying them to someone by name is about that person.</summary>
    private static readonly HashSet<string> SecondPerson = new(StringComparer.Ordinal) { "you", "your", "yours", "yourself" };

    /// <summary>Longer texts are read afresh each time: a turn or fact is far shorter, and a long note's reading would be large.</summary>
    private const int MaxKeptLength = 2_000;

    private static readonly IReadOnlySet<string> NoNames = new HashSet<string>();

    private static readonly ConditionalWeakTable<string, TextReading> Readings = [];

    private readonly string _text;
    private IReadOnlySet<string>? _addressed;
    private IReadOnlySet<string>? _askedAfter;
    private IReadOnlyList<NamedTime>? _times;

    private TextReading(string text) => _text = text;

    public static TextReading Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > MaxKeptLength ? new TextReading(text) : Readings.GetValue(text, static text => new TextReading(text));
    }

    /// <summary>The names the text addresses someone by (<see cref="Vocatives.Addressed"/>).</summary>
    public IReadOnlySet<string> Addressed => _addressed ??= Vocatives.Addressed(_text) is { Count: > 0 } names ? names : NoNames;

    /// <summary>
    /// The names addressed by the text's sentences that ask (a '?') or speak to "you": "Elena, is the course still two
    /// evenings a week?", "Proud of you for doing that course, Elena!". A sentence that only greets ("Tom, I went for a
    /// walk.") adds nothing. Only texts that address someone at all are split into sentences.
    /// </summary>
    public IReadOnlySet<string> AskedAfter => _askedAfter ??= Addressed.Count == 0
        ? Addressed
        : Sentences.Split(_text).Where(Asks).SelectMany(Vocatives.Addressed).ToHashSet(StringComparer.Ordinal) is { Count: > 0 } names ? names : NoNames;

    /// <summary>The calendar times the text names (<see cref="NamedTimes.Find"/>, absolute ones only).</summary>
    public IReadOnlyList<NamedTime> Times => _times ??= NamedTimes.Find(_text);

    private static bool Asks(string sentence) =>
        sentence.Contains('?', StringComparison.Ordinal) || TextTokenizer.Words(sentence).Any(SecondPerson.Contains);
}
