using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Context;

/// <summary>
/// What of the standing text (profile, summaries) a question needs, in which order the evidence is taken, and when a
/// neighbouring turn adds meaning. Relevance here is lexical (the question's content words, stemmed): cheap, and the
/// ranked evidence has already had the semantic channel.
/// </summary>
internal sealed class ContextRelevance(string query)
{
    /// <summary>
    /// Each further hit from a session already drawn on counts this much less, so a question whose evidence is spread over
    /// several sessions gets some of each rather than everything from the one that matched best.
    /// </summary>
    public const double SessionDecay = 0.85;

    /// <summary>The most profile lines a block shows: the profile is standing text, the question's evidence comes first.</summary>
    private const int MaxProfileLines = 6;

    /// <summary>The profile's top-ranked memories that a line may state to be shown.</summary>
    private const int ProfileStatedFrom = 10;

    private readonly HashSet<string> _terms = TextTokenizer.Terms(query).ToHashSet(StringComparer.Ordinal);

    public bool HasQuery => _terms.Count > 0;

    /// <summary>How many of the question's content words <paramref name="text"/> shares.</summary>
    public int Overlap(string? text) => text is null ? 0 : Shared(TextTokenizer.Terms(text).ToHashSet(StringComparer.Ordinal), ignored: null);

    /// <summary>
    /// The lines worth showing of a profile or summary: those sharing a content word with the question (most shared
    /// first, then in their own order) or stating one of the <paramref name="ranked"/> memories; every line when there is
    /// no question. A word in more than a third of the lines (a person's name, when every line is about them) tells
    /// them apart no better than none. At most <paramref name="max"/>.
    /// </summary>
    public List<string> Lines(string text, IEnumerable<RankedMemory> ranked, int max)
    {
        var stated = ranked.Select(r => MemoryIds.Normalize(r.Memory.Text)).ToHashSet(StringComparer.Ordinal);
        var lines = text.Split('\n').Select(ContextLines.Sanitize).Where(line => line.Length > 0).ToList();
        // Each line is tokenised once, for both the common words and its overlap.
        var terms = lines.Select(line => TextTokenizer.Terms(line).ToHashSet(StringComparer.Ordinal)).ToList();
        var common = lines.Count < 3
            ? []
            : terms.SelectMany(line => line)
                .CountBy(term => term, StringComparer.Ordinal)
                .Where(pair => pair.Value * 3 > lines.Count)
                .Select(pair => pair.Key)
                .ToHashSet(StringComparer.Ordinal);
        return lines
            .Select((line, order) => (Line: line, Order: order, Score: Shared(terms[order], common) + (stated.Contains(MemoryIds.Normalize(line)) ? 1 : 0)))
            .Where(entry => !HasQuery || entry.Score > 0)
            .OrderByDescending(entry => entry.Score)
            .ThenBy(entry => entry.Order)
            .Take(max)
            .OrderBy(entry => entry.Order)
            .Select(entry => entry.Line)
            .ToList();
    }

    /// <summary>How many of the question's content words are among <paramref name="terms"/> (<paramref name="ignored"/> left out).</summary>
    private int Shared(HashSet<string> terms, HashSet<string>? ignored) => terms.Count(term => _terms.Contains(term) && ignored?.Contains(term) != true);

    /// <summary>The profile lines a block for this question may show (see <see cref="Lines"/>), at most <see cref="MaxProfileLines"/>.</summary>
    public List<string> ProfileLines(string profile, IReadOnlyList<RankedMemory> ranked) => Lines(profile, ranked.Take(ProfileStatedFrom), MaxProfileLines);

    /// <summary>
    /// The ranked memories in the order they are taken: by score, each further hit of a session decayed by
    /// <see cref="SessionDecay"/>, except a hit of a time the question names ("On May 2nd, …"): the question says where its
    /// evidence is, and that day's turns are not spread away from.
    /// </summary>
    public static IEnumerable<RankedMemory> Spread(IReadOnlyList<RankedMemory> ranked)
    {
        var left = ranked.Select((result, order) => (Result: result, Order: order)).ToList();
        var drawn = new Dictionary<string, int>(StringComparer.Ordinal);
        while (left.Count > 0)
        {
            var best = 0;
            for (var i = 1; i < left.Count; i++)
            {
                if (Effective(left[i].Result, drawn) > Effective(left[best].Result, drawn))
                {
                    best = i;
                }
            }

            var (result, _) = left[best];
            left.RemoveAt(best);
            if (result.Memory.SessionId is { } session)
            {
                drawn[session] = drawn.GetValueOrDefault(session) + 1;
            }

            yield return result;
        }
    }

    /// <summary>
    /// A reply whose own words miss the question but whose preceding turn's words meet it ("Mostly jazz!" after "What music
    /// have you been listening to?"), or a very short one: shown after the turn it answers.
    /// </summary>
    public bool NeedsPredecessor(MemoryRecord turn) =>
        TextTokenizer.Words(turn.Text).Count() <= 4 || (Overlap(turn.Text) == 0 && Overlap(turn.PrecedingText) > 0);

    /// <summary>
    /// What a block shows of a turn's <paramref name="text"/> within <paramref name="maxChars"/>: all of it when it fits;
    /// else the sentences that share the question's words (most shared first), then the others in their order while they
    /// fit, shown in the turn's order with "…" where sentences are left out. A long answer's point ("There's a comedy
    /// movie 'Crazy Alien'… Also, you can watch 'The Climbers'…") is often past the opening a plain cut would keep.
    /// Without a sentence that fits, the opening is cut at the limit.
    /// </summary>
    public string Excerpt(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxChars)
        {
            return text;
        }

        var sentences = Sentences.Split(text).ToList();
        var byNeed = sentences.Select((sentence, order) => (Sentence: sentence, Order: order, Shared: HasQuery ? Overlap(sentence) : 0))
            .OrderByDescending(entry => entry.Shared > 0)
            .ThenByDescending(entry => entry.Shared)
            .ThenBy(entry => entry.Order);
        var chosen = new SortedSet<int>();
        var used = 0;
        foreach (var (sentence, order, _) in byNeed)
        {
            // Each sentence costs its length and a separator; an omission mark costs two characters more.
            if (used + sentence.Length + 4 <= maxChars)
            {
                chosen.Add(order);
                used += sentence.Length + 4;
            }
        }

        if (chosen.Count == 0)
        {
            return text[..maxChars] + "…";
        }

        var excerpt = new System.Text.StringBuilder();
        var next = 0;
        foreach (var order in chosen)
        {
            excerpt.Append(order > next ? (excerpt.Length == 0 ? "… " : " … ") : excerpt.Length == 0 ? string.Empty : " ").Append(sentences[order]);
            next = order + 1;
        }

        return next < sentences.Count ? excerpt.Append(" …").ToString() : excerpt.ToString();
    }

    /// <summary>A question is answered by the turn after it.</summary>
    public static bool NeedsSuccessor(MemoryRecord turn) => turn.Text.TrimEnd().EndsWith('?');

    /// <summary>
    /// The other speaker answers <paramref name="turn"/> with a question on its topic that touches the question asked
    /// ("I went to see Jay Chou's concert" / "Jay Chou is so talented. Which song do you like the most?", for "… What is my
    /// favourite song of theirs?"): the answer to it ("My favourite is …") completes what the turn began, so the question
    /// and its answer are shown after it. A follow-up on anything else ("What did you learn there?") is not followed.
    /// </summary>
    public bool IsFollowedUp(MemoryRecord turn, MemoryRecord next)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(next);
        return (next.Speaker != turn.Speaker || next.Source != turn.Source) && NeedsSuccessor(next) && Overlap(next.Text) > 0
            && TextTokenizer.Terms(next.Text).Intersect(TextTokenizer.Terms(turn.Text), StringComparer.Ordinal).Any();
    }

    private static double Effective(RankedMemory result, Dictionary<string, int> drawn) =>
        result.Score * Math.Pow(SessionDecay, result.Memory.SessionId is { } session && !IsOfNamedTime(result) ? drawn.GetValueOrDefault(session) : 0);

    private static bool IsOfNamedTime(RankedMemory result) => result.Explanation.NamedTimes.Count > 0 && result.Explanation.Time >= 1;
}
