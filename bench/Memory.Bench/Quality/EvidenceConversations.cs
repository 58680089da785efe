namespace MemoryFunctions.Bench.Quality;

/// <summary>
/// One user's multi-session conversation: every turn's text, and questions with the indexes of the turns that answer each;
/// for a conversation between named people, who said each turn (<paramref name="Speakers"/>, null otherwise).
/// </summary>
internal sealed record EvidenceConversation(
    string UserId, IReadOnlyList<string> Turns, IReadOnlyList<(string Question, int[] EvidenceTurns)> Questions, IReadOnlyList<string>? Speakers = null)
{
    /// <summary>
    /// A long generated conversation (<see cref="Conversations.LongConversationGenerator"/>) as evidence data: every turn
    /// that contains a question's answer is evidence for it; questions whose answer no turn contains (dates, which only
    /// the session date carries) are left out. The user id carries the seed, since two seeds may generate the same names.
    /// </summary>
    public static EvidenceConversation From(Conversations.WrittenConversation conversation, int seed)
    {
        var turns = conversation.Sessions.SelectMany(session => session.Turns.Select(turn => turn[1])).ToList();
        var questions = conversation.Questions
            .Select(q => (q.Q, Evidence: turns.Select((text, i) => (text, i)).Where(t => t.text.Contains(q.A, StringComparison.OrdinalIgnoreCase)).Select(t => t.i).ToArray()))
            .Where(q => q.Evidence.Length > 0)
            .ToList();
        var speakers = conversation.Sessions.SelectMany(session => session.Turns.Select(turn => turn[0])).ToList();
        return new EvidenceConversation($"{seed}-{conversation.Id}", turns, questions, speakers);
    }
}

/// <summary>
/// Seeded multi-session conversations with annotated evidence, written for this benchmark: a user mentions facts of
/// <see cref="ParaphraseSet"/> in passing, among short chit-chat ("Cool! What did it look like?"), assistant replies, and
/// the assistant's own small-talk questions on the same topics, which share words and meaning with the questions asked
/// later but answer nothing. Each question is asked in other words than its evidence turn.
/// </summary>
internal static class EvidenceConversationGenerator
{
    private const int Sessions = 4;
    private const int TurnsPerSession = 24;
    private const int FactsPerUser = 8;

    private static readonly string[] ChitChat =
    [
        "Cool! What did it look like?", "Haha, that's great.", "Really? How did that go?", "Nice, thanks!", "Hmm, not sure yet.",
        "Oh wow, tell me more!", "That sounds like fun.", "Okay, makes sense.", "Ugh, what a week.", "Ha, I knew it!",
        "Sounds good to me.", "Yes, exactly that.", "I'll think about it.", "No way, seriously?", "Lol, fair enough.",
    ];

    private static readonly string[] Replies =
    [
        "That's lovely to hear, thanks for sharing it with me.", "Good question, there are a few ways to look at it.",
        "I'd start small and see how it feels after a week.", "It sounds like you've had a busy few days.",
        "Happy to help with that whenever you like.", "That makes a lot of sense given everything you've described.",
        "Let me know how it goes, I'm curious.", "A short list usually makes this kind of decision easier.",
    ];

    public static IReadOnlyList<EvidenceConversation> Generate(IReadOnlyList<(string Statement, string Question, string EchoQuestion)> pool, int users, int seed)
    {
        var conversations = new List<EvidenceConversation>(users);
        for (var user = 0; user < users; user++)
        {
            var random = new Random(seed + (user * 7919));
            var facts = pool.OrderBy(_ => random.Next()).Take(FactsPerUser).ToList();
            var echoes = pool.OrderBy(_ => random.Next()).Take(FactsPerUser).Select(pair => pair.EchoQuestion).ToList();
            var turns = new List<string>(Sessions * TurnsPerSession);
            var evidence = new Dictionary<int, int>();
            for (var session = 0; session < Sessions; session++)
            {
                var sessionFacts = new Queue<int>(Enumerable.Range(0, facts.Count).Where(fact => fact % Sessions == session));
                for (var turn = 0; turn < TurnsPerSession; turn++)
                {
                    var assistant = turn % 2 == 1;
                    if (assistant)
                    {
                        // The assistant asks small-talk questions about the topics the user will be asked about.
                        turns.Add(random.Next(4) == 0 ? echoes[random.Next(echoes.Count)] : Pick(random, Replies));
                    }
                    else if (sessionFacts.Count > 0 && turn >= 2 && random.Next(3) == 0)
                    {
                        var fact = sessionFacts.Dequeue();
                        evidence[fact] = turns.Count;
                        turns.Add(facts[fact].Statement);
                    }
                    else
                    {
                        turns.Add(Pick(random, ChitChat));
                    }
                }

                // Facts the dice did not place go at the end of their session.
                while (sessionFacts.Count > 0)
                {
                    var fact = sessionFacts.Dequeue();
                    evidence[fact] = turns.Count;
                    turns.Add(facts[fact].Statement);
                }
            }

            var questions = evidence.OrderBy(pair => pair.Key).Select(pair => (facts[pair.Key].Question, new[] { pair.Value })).ToList();
            conversations.Add(new EvidenceConversation($"conv-{seed}-{user:D2}", turns, questions));
        }

        return conversations;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
