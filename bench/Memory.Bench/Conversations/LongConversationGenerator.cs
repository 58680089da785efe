using System.Globalization;
using MemoryFunctions.Core.Domain;
using static MemoryFunctions.Bench.Conversations.LongConversationPhrases;

namespace MemoryFunctions.Bench.Conversations;

/// <summary>
/// Long two-person conversations from a seed, written for this benchmark (no public data): about 30 dated sessions of
/// ~35 turns (~22k tokens) per conversation, in which each person mentions jobs, homes, pets, trips, relatives, races and
/// more in varied phrasing among chit-chat and statements about third parties; jobs and homes change two thirds of the
/// way through. The speakers often address each other by name (reactions, chit-chat, questions about the other's plans),
/// some days are said relative to the session ("yesterday", "last Saturday"), some answers only make sense after the
/// question before them, and some questions need two sessions (<see cref="QuestionTypes"/>). Every question is annotated
/// with the words of its answer (a value from the pools, or the day an event happened as
/// <see cref="EventDates.Day(DateTimeOffset)"/> writes it), so the check is judge-free.
/// </summary>
internal static class LongConversationGenerator
{
    private const int Sessions = 30;
    private static readonly DateTimeOffset Start = new(2023, 1, 9, 19, 0, 0, TimeSpan.Zero);

    public static WrittenConversationSet Generate(int conversations, int seed) =>
        new([.. Enumerable.Range(0, conversations).Select(i => One(i, new Random(seed + (i * 7919))))]);

    private static WrittenConversation One(int index, Random random)
    {
        var (a, b) = Pairs[index % Pairs.Length];
        var questions = new List<WrittenQuestion>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var events = Enumerable.Range(0, Sessions).Select(_ => new List<Func<DateTimeOffset, IReadOnlyList<SaidTurn>>>()).ToArray();
        foreach (var (person, other) in new[] { (a, b), (b, a) })
        {
            var facts = new PersonFacts(person, other, random, questions, used);
            var plan = facts.Plan();
            for (var i = 0; i < plan.Count; i++)
            {
                // Spread events over the sessions; the job and home changes come in the last third.
                var session = plan[i].Late ? random.Next(Sessions * 2 / 3, Sessions) : random.Next(plan[i].Early ? 0 : 1, Sessions * 2 / 3);
                events[session].Add(plan[i].Say);
            }
        }

        var sessions = new List<WrittenSession>(Sessions);
        var date = Start.AddDays(index * 3);
        for (var s = 0; s < Sessions; s++)
        {
            date = date.AddDays(random.Next(6, 17)).AddMinutes(random.Next(-90, 90));
            sessions.Add(new WrittenSession(date, Session(random, a, b, date, events[s], used)));
        }

        return new WrittenConversation($"long-{index:D2}-{a.ToLowerInvariant()}-{b.ToLowerInvariant()}", sessions, questions);
    }

    /// <summary>
    /// Alternating turns from <paramref name="a"/>; each event is said when its first speaker's turn comes, and answered
    /// with a reaction by the other, who often addresses the speaker by name, as people do in chat ("Wow Sam, …").
    /// </summary>
    /// <param name="used">The values the people's own facts took: distractor lines never name them, so a line about a third party cannot answer a question about either person.</param>
    private static List<IReadOnlyList<string>> Session(Random random, string a, string b, DateTimeOffset date, List<Func<DateTimeOffset, IReadOnlyList<SaidTurn>>> events, HashSet<string> used)
    {
        var turns = new List<IReadOnlyList<string>>();
        var length = random.Next(30, 40);
        var pending = new Queue<IReadOnlyList<SaidTurn>>(events.Select(say => say(date)));
        while (turns.Count < length || pending.Count > 0)
        {
            var speaker = turns.Count % 2 == 0 ? a : b;
            if (pending.Count > 0 && (pending.Peek()[0].Speaker == speaker || turns.Count >= length) && turns.Count >= 2 && random.Next(3) == 0)
            {
                var said = pending.Dequeue();
                turns.AddRange(said.Select(turn => (IReadOnlyList<string>)[turn.Speaker, turn.Text]));
                var last = said[^1].Speaker;
                turns.Add([Other(last, a, b), Addressing(random, Pick(random, Reactions), last, 2)]);
                continue;
            }

            turns.Add([speaker, random.Next(8) == 0 ? Distractor(random, used) : Addressing(random, Pick(random, ChitChat), Other(speaker, a, b), 6)]);
        }

        return turns;
    }

    /// <summary>One time in <paramref name="odds"/>, the line addresses <paramref name="name"/> ("Sam, …" or "…, Sam!").</summary>
    private static string Addressing(Random random, string line, string name, int odds) => random.Next(odds) != 0
        ? line
        : random.Next(2) == 0
            ? $"{name}, {(line.Length > 1 && char.IsLower(line[1]) ? char.ToLowerInvariant(line[0]) : line[0])}{line[1..]}"
            : $"{line.TrimEnd('.', '!', '?')}, {name}{(line.EndsWith('?') ? "?" : "!")}";

    private static string Other(string speaker, string a, string b) => speaker == a ? b : a;

    private static string Distractor(Random random, HashSet<string> used)
    {
        string Unused(string[] pool) => Pick(random, [.. pool.Where(value => !used.Contains(value))]);
        return Pick(random, Distractors)
            .Replace("{employer}", Unused(Employers), StringComparison.Ordinal).Replace("{city}", Unused(Cities), StringComparison.Ordinal)
            .Replace("{species}", Pick(random, Species), StringComparison.Ordinal).Replace("{pet}", Unused(PetNames), StringComparison.Ordinal)
            .Replace("{instrument}", Unused(Instruments), StringComparison.Ordinal).Replace("{dish}", Unused(Dishes), StringComparison.Ordinal)
            .Replace("{car}", Unused(Cars), StringComparison.Ordinal).Replace("{book}", Unused(Books), StringComparison.Ordinal)
            .Replace("{race}", Unused(Races), StringComparison.Ordinal);
    }

    internal static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    internal static string Day(DateTimeOffset date) => EventDates.Day(date);

    internal static string Day(DateOnly date) => EventDates.Day(date);

    internal static string Month(DateTimeOffset date) => EventDates.Month(DateOnly.FromDateTime(date.UtcDateTime));

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
